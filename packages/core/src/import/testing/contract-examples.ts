/**
 * The examples of an upstream contract document (docs/upstream-apis/*.md), so that a test can
 * feed them to the real runner: an answer served exactly as documented proves the envelope
 * (items / nextCursor / total) and the paging parameters, an export proves the file format, and
 * both prove the records pass the importer's schema. Examples are fenced blocks tagged with
 * their format and resource: ```json applications, ```csv catalogue-items, ```ndjson issuance.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SetupServer } from 'msw/node';
import type { AnyImportResource } from '../resource.js';
import { runImport, type ImportSummary } from '../runner.js';
import { FAST_REST } from './upstream-api.js';
import { temporaryDirectory } from './temporary-directory.js';

export interface ContractExample {
  format: 'json' | 'csv' | 'ndjson';
  resource: string;
  body: string;
}

export function contractExamples(markdown: string): ContractExample[] {
  return [...markdown.matchAll(/^```(json|ndjson|csv) ([a-z-]+)\n([\s\S]*?)^```$/gm)].map((m) => ({
    format: m[1] as ContractExample['format'],
    resource: m[2]!,
    body: m[3]!,
  }));
}

/**
 * msw: the documented answer to the first request, byte for byte; the page after it (the
 * answer's `nextCursor`, or page 2) is an empty last page, so a run ends after the example.
 * Records each request's URL.
 */
export function exampleApi(url: string, answer: string, requests: URL[] = []): HttpHandler {
  return http.get(url, ({ request }) => {
    const asked = new URL(request.url);
    requests.push(asked);
    const later = asked.searchParams.has('cursor') || Number(asked.searchParams.get('page') ?? 1) > 1;
    if (later) return HttpResponse.json({ items: [], nextCursor: null });
    return new HttpResponse(answer, { headers: { 'content-type': 'application/json' } });
  });
}

/** An export example as a file of its format, for the runner's file source. */
export function exampleFile(example: ContractExample): string {
  const file = path.join(temporaryDirectory('govgraph-contract-'), `${example.resource}.${example.format}`);
  writeFileSync(file, example.body);
  return file;
}

/** How many records an example holds: an answer's items, an export's lines (less a CSV header). */
export function exampleRecordCount(example: ContractExample): number {
  if (example.format === 'json') return (JSON.parse(example.body) as { items: unknown[] }).items.length;
  return example.body.trim().split('\n').length - (example.format === 'csv' ? 1 : 0);
}

const EXAMPLE_BASE_URL = 'http://upstream.test';

/**
 * Imports one example through the runner: an answer from the mocked API (`upstream`, the test
 * file's msw server; each request's URL is pushed to `requests`), an export from a file.
 */
export async function importExample<DB>(
  upstream: SetupServer,
  db: Kysely<DB>,
  resource: AnyImportResource<DB>,
  example: ContractExample,
  requests: URL[] = [],
): Promise<ImportSummary> {
  if (example.format !== 'json') return runImport({ db, resource, from: { file: exampleFile(example) } });
  upstream.use(exampleApi(`${EXAMPLE_BASE_URL}${resource.restPath}`, example.body, requests));
  return runImport({ db, resource, from: { url: EXAMPLE_BASE_URL, rest: FAST_REST } });
}

/** The query parameters each request sent, by name: what the contract's paging form says they are. */
export function pagingParameters(requests: readonly URL[]): string[] {
  return requests.map((url) => [...url.searchParams.keys()].join('&'));
}
