/**
 * The examples in docs/upstream-apis/certificates.md go through the real runner: the API answer
 * served exactly as written (its envelope and the paging parameters GovGraph sends) and the
 * export read by the file source, every record written, both to the same rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractExamples, exampleRecordCount, importExample, mockedUpstream, pagingParameters } from '@govgraph/core/testing';
import { openFixture } from '../__fixtures__/fixture.js';
import { issuanceResource } from './issuance.js';

const contract = readFileSync(new URL('../../../../docs/upstream-apis/certificates.md', import.meta.url), 'utf8');
const examples = contractExamples(contract);
const upstream = mockedUpstream();

/** The fixture, plus the 婚姻登记处's type the example counts (the 公安局's is the fixture's T2). */
async function database() {
  const fixture = await openFixture();
  await fixture.db
    .insertInto('certificate_types')
    .values({ code: '114408000000004572001', name: '结婚证', department_code: '114408000000004572', in_city_catalog: 1, issuance_enabled: 1, issuance_enabled_on: '2020-01-01', holder_kind: 'PERSON', validity_years: null, added_on: '2020-01-01' })
    .execute();
  return fixture;
}

describe('the certificate system contract’s examples', () => {
  it('name the path and paging the resource declares, with an answer and an export', () => {
    expect(contract).toContain(`GET ${issuanceResource.restPath}`);
    expect(contract).toMatch(/\| pagination \| cursor \|/);
    expect(issuanceResource.pagination).toBe('cursor');
    expect(examples.map((e) => `${e.format} ${e.resource}`)).toEqual(['json issuance', 'csv issuance']);
  });

  it('import through the runner as documented, to the same rows', async () => {
    const rows: unknown[] = [];
    for (const example of examples) {
      const fixture = await database();
      const requests: URL[] = [];
      const summary = await importExample(upstream, fixture.db, issuanceResource, example, requests);
      expect(summary, example.format).toMatchObject({ status: 'SUCCEEDED', inserted: exampleRecordCount(example), quarantined: 0 });
      if (example.format === 'json') {
        expect(pagingParameters(requests)).toEqual(['limit', 'limit&cursor']);
        expect(requests[1]!.searchParams.get('cursor')).toBe((JSON.parse(example.body) as { nextCursor: string }).nextCursor);
      }
      rows.push(await fixture.db.selectFrom('issuance_log').selectAll().orderBy(['type_code', 'day']).execute());
      await fixture.close();
    }
    expect(rows[1]).toEqual(rows[0]);
  });
});
