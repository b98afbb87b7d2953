/**
 * Reads a resource from its subsystem's REST API, page after page (docs/upstream-apis.md):
 *
 *   cursor: GET {base}{restPath}?limit=500[&since=T][&cursor=C] → { items: [...], nextCursor: "C2" | null }
 *   page:   GET {base}{restPath}?page=1&pageSize=500[&since=T] → { items: [...], total?: 12345 }
 *
 * Each page is one chunk; its position is where the next page starts, so a resumed run asks for
 * exactly the page after the last one committed.
 */
import { z } from 'zod';
import type { ImportResource } from './resource.js';
import { ImportSourceError, type RawRecord, type RecordSource, type SourceChunk } from './source.js';
import { createJsonClient, MalformedResponse, REST_DEFAULTS, type JsonClient, type RestOptions } from './upstream-request.js';
import { describeIssues } from './zod-reasons.js';

export interface RestSourceOptions extends RestOptions {
  /** The subsystem's base URL, e.g. `https://hotline.example.gov.cn`; restPath is appended. */
  baseUrl: string;
  resource: Pick<ImportResource<unknown, unknown>, 'name' | 'restPath' | 'pagination'>;
  /** Only records changed at or after this instant (passed upstream as `since`). */
  since?: string;
  /** A shared client (one rate bound across resources); default: one made from these options. */
  client?: JsonClient;
}

const cursorPage = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1).nullable().optional(),
});

const numberedPage = z.object({
  items: z.array(z.unknown()),
  total: z.number().int().nonnegative().optional(),
});

/** Positions this source commits: the next cursor or page, or the end of the listing. */
type Position = { cursor: string } | { page: number } | { done: true };

function accept<T>(schema: z.ZodType<T>) {
  return (body: unknown): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new MalformedResponse(describeIssues(parsed.error));
    return parsed.data;
  };
}

/** `https://h.example/api` + `/v1/orders` → `https://h.example/api/v1/orders`: the base keeps its path. */
export function resourceUrl(baseUrl: string, restPath: string): URL {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ImportSourceError(`not an http(s) URL: ${baseUrl}`);
  // The URL names the source in runs and quarantine rows the graph shows: no secrets in it.
  if (base.username || base.password) {
    throw new ImportSourceError('the URL holds credentials: pass a token in GOVGRAPH_<SUBGRAPH>_IMPORT_TOKEN instead');
  }
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/${restPath.replace(/^\/+/, '')}`;
  base.search = '';
  base.hash = '';
  return base;
}

function parsePosition(text: string | undefined): Position | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Position;
  } catch {
    throw new ImportSourceError(`unreadable REST position ${JSON.stringify(text)}`);
  }
}

export function restSource(options: RestSourceOptions): RecordSource {
  const url = resourceUrl(options.baseUrl, options.resource.restPath);
  const name = url.toString();
  const client = options.client ?? createJsonClient(options);
  const pageSize = options.pageSize ?? REST_DEFAULTS.pageSize;

  const pageUrl = (parameters: Record<string, string | undefined>): string => {
    const page = new URL(url);
    for (const [key, value] of Object.entries({ ...parameters, since: options.since })) {
      if (value !== undefined) page.searchParams.set(key, value);
    }
    return page.toString();
  };

  const records = (items: unknown[], page: string): RawRecord[] =>
    items.map((value) => ({ value, text: JSON.stringify(value), location: { source: name, page } }));

  async function* byCursor(from: Position | undefined, signal?: AbortSignal): AsyncGenerator<SourceChunk> {
    if (from && 'done' in from) return;
    let cursor = from && 'cursor' in from ? from.cursor : undefined;
    while (!signal?.aborted) {
      const body = await client.get(pageUrl({ limit: String(pageSize), cursor }), accept(cursorPage), signal);
      const next = body.nextCursor ?? undefined;
      if (next !== undefined && next === cursor) {
        throw new ImportSourceError(`${name}: the API answered cursor ${cursor} with the same cursor again`);
      }
      const position: Position = next === undefined ? { done: true } : { cursor: next };
      yield { records: records(body.items, cursor ?? 'first'), position: JSON.stringify(position) };
      if (next === undefined) return;
      cursor = next;
    }
  }

  async function* byPage(from: Position | undefined, signal?: AbortSignal): AsyncGenerator<SourceChunk> {
    if (from && 'done' in from) return;
    let page = from && 'page' in from ? from.page : 1;
    while (!signal?.aborted) {
      const body = await client.get(pageUrl({ page: String(page), pageSize: String(pageSize) }), accept(numberedPage), signal);
      // The last page: empty, short, or reaching the announced total.
      const last = body.items.length < pageSize || (body.total !== undefined && page * pageSize >= body.total);
      const position: Position = last ? { done: true } : { page: page + 1 };
      yield { records: records(body.items, String(page)), position: JSON.stringify(position) };
      if (last) return;
      page++;
    }
  }

  return {
    name,
    chunks(resumeFrom, signal) {
      const from = parsePosition(resumeFrom);
      return options.resource.pagination === 'cursor' ? byCursor(from, signal) : byPage(from, signal);
    },
  };
}
