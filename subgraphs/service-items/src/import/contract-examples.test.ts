/**
 * The examples in docs/upstream-apis/service-items.md are what the platform is told to send, so
 * each goes through the real runner: an API answer served exactly as written (its envelope and
 * the paging parameters GovGraph sends), an export read by the file source, every record written
 * without a quarantined one. The contract and the code cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { contractExamples, exampleRecordCount, importExample, mockedUpstream, pagingParameters, type ContractExample } from '@govgraph/core/testing';
import type { Database } from '../store/schema.js';
import { createTestGraph } from '../test-support.js';
import { importResources } from './index.js';

const contract = readFileSync(new URL('../../../../docs/upstream-apis/service-items.md', import.meta.url), 'utf8');
const examples = contractExamples(contract);
const upstream = mockedUpstream();
const resourceOf = (example: ContractExample) => importResources.find((r) => r.name === example.resource)!;
const importIt = (db: Kysely<Database>, example: ContractExample, requests?: URL[]) => importExample(upstream, db, resourceOf(example), example, requests);

describe('the upstream contract’s examples', () => {
  it('cover every resource in every format the document describes', () => {
    const seen = new Set(examples.map((e) => `${e.format} ${e.resource}`));
    expect([...seen].sort()).toEqual(['csv applications', 'csv catalogue-items', 'json applications', 'json catalogue-items', 'ndjson applications']);
    expect(importResources.map((r) => r.name).sort()).toEqual(['applications', 'catalogue-items']);
  });

  it('name the paths and paging the resources declare', () => {
    for (const resource of importResources) {
      expect(contract).toContain(`GET ${resource.restPath}`);
      expect(contract).toMatch(new RegExp(`\\| \`${resource.name}\` \\| \`GET ${resource.restPath}\` \\| ${resource.pagination === 'page' ? 'page \\+ pageSize' : 'cursor'} \\|`));
    }
  });

  it('import through the runner as documented, every record written', async () => {
    // Applications refer to the catalogue's item: its answer goes first, as a full import runs.
    const catalogueAnswer = examples.find((e) => e.format === 'json' && e.resource === 'catalogue-items')!;
    const applicationRows: unknown[] = [];
    for (const example of examples) {
      // Each example into the fixture catalogue as it stands before any import.
      const graph = await createTestGraph();
      const { db } = graph;
      if (example.resource === 'applications') await importIt(db, catalogueAnswer);
      const requests: URL[] = [];
      const summary = await importIt(db, example, requests);
      const label = `${example.format} ${example.resource}`;
      expect(summary, label).toMatchObject({ status: 'SUCCEEDED', quarantined: 0 });
      expect(summary.inserted + summary.updated, label).toBe(exampleRecordCount(example));
      if (example.format === 'json') {
        const answer = JSON.parse(example.body) as { nextCursor?: string | null };
        expect(pagingParameters(requests), label).toEqual(resourceOf(example).pagination === 'page' ? ['page&pageSize'] : ['limit', 'limit&cursor']);
        if (answer.nextCursor) expect(requests[1]!.searchParams.get('cursor'), label).toBe(answer.nextCursor);
      }
      if (example.resource === 'applications') {
        applicationRows.push(await db.selectFrom('applications').select(['number', 'item_code', 'department_code', 'channel', 'submitted_at', 'completed_at', 'rating', 'upstream_updated_at']).where('number', 'like', 'ZJBJ2021%').orderBy('number').execute());
      }
      await graph.close();
    }
    // The answer and the two exports describe the same two applications.
    expect(applicationRows).toHaveLength(3);
    expect(applicationRows[1]).toEqual(applicationRows[0]);
    expect(applicationRows[2]).toEqual(applicationRows[0]);
  });
});
