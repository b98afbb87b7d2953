/**
 * The issuance log imported the way `npm run import` and the schedule do it: through core's
 * runner, from the certificate system's REST API (mocked, over two pages) and from an export
 * file, then read back through the subgraph's schema.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, viewerWith } from '@govgraph/core';
import { cursorApi, FAST_REST, mockedUpstream, temporaryDirectory } from '@govgraph/core/testing';
import { D1, D2, openFixture, T1, T2, T3, T5, type FixtureDatabase } from '../__fixtures__/fixture.js';
import { issuanceResource } from './issuance.js';

const BASE_URL = 'http://certificates.test';
const upstream = mockedUpstream();

const STATUS = /* GraphQL */ `
  query ($from: Date!, $to: Date!, $asOf: Date!) {
    issuanceStatistics(filter: { from: $from, to: $to }) { issued types }
    certificateStatistics(asOf: $asOf) { issuedTotal }
    certificateImports { resources { resource lastRun { status inserted updated unchanged quarantined } } }
  }
`;
const YEAR = { from: '2021-01-01', to: '2021-12-31', asOf: '2021-12-31' };
const ADMIN = viewerWith(['imports:admin']);

const count = (typeCode: string, departmentCode: string, issueDate: string, issued: number) => ({
  typeCode,
  departmentCode,
  issueDate,
  issued,
  updatedAt: `${issueDate}T20:00:00+08:00`,
});

/** Four days over two pages of two: one corrects a stored day (100 → 120), three are new (+40). */
const API_RECORDS = [count(T1, D1, '2021-01-04', 120), count(T1, D1, '2021-08-01', 30), count(T2, D1, '2021-08-02', 4), count(T3, D2, '2021-08-03', 6)];

/** The export: a type issued for the first time (T5) and one more day of T3 (+12). */
const EXPORT = ['typeCode,departmentCode,issueDate,issued,updatedAt', `${T5},${D2},2021/12/20,2,2021-12-20 17:00:00`, `${T3},${D2},2021-09-09,10,2021-09-09 18:00:00`].join('\r\n');

let fixture: FixtureDatabase;
beforeEach(async () => {
  fixture = await openFixture();
});
afterEach(() => fixture.close());

describe('importing the issuance log through the runner', () => {
  it('shows in the statistics as soon as it commits, and changes nothing the second time', async () => {
    const requests: URL[] = [];
    upstream.use(cursorApi(`${BASE_URL}${issuanceResource.restPath}`, API_RECORDS, requests));
    const file = path.join(temporaryDirectory('govgraph-certificates-'), 'issuance.csv');
    writeFileSync(file, `\uFEFF${EXPORT}\r\n`);
    const importBoth = async () => [
      await runImport({ db: fixture.db, resource: issuanceResource, from: { url: BASE_URL, rest: FAST_REST }, batchSize: 2 }),
      await runImport({ db: fixture.db, resource: issuanceResource, from: { file }, batchSize: 2 }),
    ];

    const before = (await fixture.execute(STATUS, YEAR, ADMIN)).data;
    expect(before).toMatchObject({ issuanceStatistics: { issued: 295, types: 3 }, certificateImports: { resources: [{ resource: 'issuance', lastRun: null }] } });

    const [api, csv] = await importBoth();
    expect(requests.map((url) => url.searchParams.get('cursor'))).toEqual([null, '2']);
    expect(api).toMatchObject({ status: 'SUCCEEDED', inserted: 4, updated: 0, unchanged: 0, quarantined: 0 });
    expect(csv).toMatchObject({ status: 'SUCCEEDED', inserted: 2, updated: 0, unchanged: 0, quarantined: 0 });
    const after = await fixture.execute(STATUS, YEAR, ADMIN);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual({
      issuanceStatistics: { issued: 295 + 60 + 12, types: 4 },
      certificateStatistics: { issuedTotal: 295 + 60 + 12 },
      certificateImports: { resources: [{ resource: 'issuance', lastRun: { status: 'SUCCEEDED', inserted: 2, updated: 0, unchanged: 0, quarantined: 0 } }] },
    });

    const again = await importBoth();
    expect(again.map(({ inserted, updated, unchanged, quarantined }) => ({ inserted, updated, unchanged, quarantined }))).toEqual([
      { inserted: 0, updated: 0, unchanged: 4, quarantined: 0 },
      { inserted: 0, updated: 0, unchanged: 2, quarantined: 0 },
    ]);
    expect((await fixture.execute(STATUS, YEAR, ADMIN)).data.issuanceStatistics).toEqual(after.data.issuanceStatistics);
  });
});
