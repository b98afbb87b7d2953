/**
 * The allocation ledger imported the way `npm run import` and the schedule do it: through core's
 * runner, from the cloud platform's REST API (mocked, page and pageSize, two pages) and from an
 * export file, then read back through the subgraph's schema.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '@govgraph/core';
import { FAST_REST, mockedUpstream, pagedApi, temporaryDirectory } from '@govgraph/core/testing';
import { createTestServer, dataOf, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { DEPT_A, DEPT_B, insertFixture } from '../testing-fixture.js';
import { allocationsResource } from './allocations.js';

const BASE_URL = 'http://cloud.test';
const upstream = mockedUpstream();
const server = createTestServer();

const STATUS = /* GraphQL */ `
  query ($asOf: Date!) {
    cloudTenancy(asOf: $asOf) { departments systems allocated { vcpu memoryGb storageTb } }
    cloudImports { resources { resource lastRun { status inserted updated unchanged quarantined } } }
  }
`;

const system = (systemId: string, departmentCode: string, vcpu: number, memory: number, storage: number | string, allocatedOn: string) => ({
  systemId,
  systemName: `业务系统 ${systemId}`,
  departmentCode,
  origin: 'NEW_DEPLOYMENT',
  vcpu,
  memory,
  storage,
  allocatedOn,
  updatedAt: `${allocatedOn}T10:00:00+08:00`,
});

/** Two pages of two: two new systems, and the seeded BS-2021-001 resized from 16/64/1 to 32/64/2. */
const API_RECORDS = [
  system('BS-2021-006', DEPT_B, 16, 32, 1, '2021-06-01'),
  system('BS-2021-007', DEPT_A, 8, 16, '512 GB', '2021-07-01'),
  system('BS-2021-001', DEPT_A, 32, 64, 2, '2021-08-01'),
];

/** The export, in the platform's own spellings: one more system, migrated. */
const EXPORT = [
  'systemId,systemName,departmentCode,origin,vcpu,memory,storage,allocatedOn,updatedAt',
  `bs-2021-008,学籍档案迁移系统,${DEPT_B},迁移上云,8核,16GB,1TB,2021/10/1,2021-10-01 09:00:00`,
].join('\n');

let test: TestDatabase;
beforeEach(async () => {
  test = await openTestDatabase();
  await insertFixture(test.db);
});
afterEach(() => test.db.destroy());

describe('importing the allocation ledger through the runner', () => {
  it('shows in the statistics as soon as it commits, and changes nothing the second time', async () => {
    const requests: URL[] = [];
    upstream.use(pagedApi(`${BASE_URL}${allocationsResource.restPath}`, API_RECORDS, requests));
    const file = path.join(temporaryDirectory('govgraph-cloud-'), 'allocations.csv');
    writeFileSync(file, `${EXPORT}\n`);
    const importBoth = async () => [
      await runImport({ db: test.db, resource: allocationsResource, from: { url: BASE_URL, rest: FAST_REST }, batchSize: 2 }),
      await runImport({ db: test.db, resource: allocationsResource, from: { file }, batchSize: 2 }),
    ];
    const status = async () => dataOf(await execute(server, test.db, STATUS, { asOf: '2021-12-31' }));

    expect(await status()).toEqual({
      cloudTenancy: { departments: 3, systems: 5, allocated: { vcpu: 68, memoryGb: 248, storageTb: 5 } },
      cloudImports: { resources: [{ resource: 'allocations', lastRun: null }] },
    });

    const [api, csv] = await importBoth();
    expect(requests.map((url) => `${url.searchParams.get('page')}/${url.searchParams.get('pageSize')}`)).toEqual(['1/2', '2/2']);
    expect(api).toMatchObject({ status: 'SUCCEEDED', inserted: 2, updated: 1, unchanged: 0, quarantined: 0 });
    expect(csv).toMatchObject({ status: 'SUCCEEDED', inserted: 1, updated: 0, unchanged: 0, quarantined: 0 });
    const after = await status();
    expect(after).toEqual({
      cloudTenancy: { departments: 3, systems: 8, allocated: { vcpu: 68 + 16 + 8 + 16 + 8, memoryGb: 248 + 32 + 16 + 16, storageTb: 5 + 1 + 0.5 + 1 + 1 } },
      cloudImports: { resources: [{ resource: 'allocations', lastRun: { status: 'SUCCEEDED', inserted: 1, updated: 0, unchanged: 0, quarantined: 0 } }] },
    });

    const again = await importBoth();
    expect(again.map(({ inserted, updated, unchanged, quarantined }) => ({ inserted, updated, unchanged, quarantined }))).toEqual([
      { inserted: 0, updated: 0, unchanged: 3, quarantined: 0 },
      { inserted: 0, updated: 0, unchanged: 1, quarantined: 0 },
    ]);
    expect((await status()).cloudTenancy).toEqual(after.cloudTenancy);
  });
});
