/**
 * The examples in docs/upstream-apis/cloud.md go through the real runner: the API answer served
 * exactly as written (its envelope and the paging parameters GovGraph sends) and the export read
 * by the file source, every record written, both to the same rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractExamples, exampleRecordCount, importExample, mockedUpstream, pagingParameters } from '@govgraph/core/testing';
import { openTestDatabase } from '../testing.js';
import { insertFixture } from '../testing-fixture.js';
import { allocationsResource } from './allocations.js';

const contract = readFileSync(new URL('../../../../docs/upstream-apis/cloud.md', import.meta.url), 'utf8');
const examples = contractExamples(contract);
const upstream = mockedUpstream();

/** The fixture, plus an inventory entry for each department the examples name, so the platform knows them. */
async function database() {
  const test = await openTestDatabase();
  await insertFixture(test.db);
  await test.db
    .insertInto('information_systems')
    .values([
      { id: 'IS-353', name: '科技项目管理系统', department_code: '114408000000000353', registered_on: '2020-06-01' },
      { id: 'IS-4497', name: '殡葬服务管理系统', department_code: '114408000000004497', registered_on: '2020-06-01' },
    ])
    .execute();
  return test;
}

describe('the cloud platform contract’s examples', () => {
  it('name the path and paging the resource declares, with an answer and an export', () => {
    expect(contract).toContain(`GET {base}${allocationsResource.restPath}?page=1&pageSize=500`);
    expect(allocationsResource.pagination).toBe('page');
    expect(examples.map((e) => `${e.format} ${e.resource}`)).toEqual(['json allocations', 'csv allocations']);
  });

  it('import through the runner as documented, to the same rows', async () => {
    const rows: unknown[] = [];
    for (const example of examples) {
      const test = await database();
      const requests: URL[] = [];
      const summary = await importExample(upstream, test.db, allocationsResource, example, requests);
      expect(summary, example.format).toMatchObject({ status: 'SUCCEEDED', inserted: exampleRecordCount(example), quarantined: 0 });
      if (example.format === 'json') expect(pagingParameters(requests)).toEqual(['page&pageSize']);
      rows.push(await test.db.selectFrom('business_systems').selectAll().where('id', 'in', ['BS-2021-041', 'BS-2021-042']).orderBy('id').execute());
      await test.db.destroy();
    }
    expect(rows[0]).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
  });
});
