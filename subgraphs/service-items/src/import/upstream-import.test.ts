/**
 * The catalogue and the applications imported the way `npm run import` and the schedule do it:
 * through core's runner, from the service platform's REST API (mocked: the catalogue by page and
 * pageSize, the applications by cursor, two pages each) and from an export file, then read back
 * through the subgraph's schema.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSubgraph, runImport, viewerWith } from '@govgraph/core';
import { cursorApi, FAST_REST, mockedUpstream, pagedApi, temporaryDirectory } from '@govgraph/core/testing';
import { createTestGraph, DEPT, type TestGraph } from '../test-support.js';
import { applications } from './applications.js';
import { rawApplication, rawItem } from './import-test-support.js';
import { serviceItemImports } from './index.js';
import { catalogueItems } from './items.js';

const BASE_URL = 'http://service-platform.test';
const upstream = mockedUpstream();
const ADMIN = viewerWith(['imports:admin']);
const ITEM = '440800XK90001';

const STATUS = /* GraphQL */ `
  query ($item: ID!) {
    applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: $item }) { handled completed rated satisfied }
    center: applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31" }) { handled completed rated satisfied }
    serviceItemImports { resources { resource lastRun { status inserted updated unchanged quarantined } } }
  }
`;

/** Three new items of department d1, over two pages of two. */
const API_ITEMS = [1, 2, 3].map((n) =>
  rawItem({ code: `440800XK9000${n}`, name: `新设事项${n}`, updatedAt: `2021-03-0${n}T08:00:00+08:00` }),
);

/** Three applications on the first of them, over two pages of two: two rated (5 and 不满意 2), one still open (SQ20210002). */
const API_APPLICATIONS = [
  rawApplication({ number: 'SQ20210001', submittedAt: '2021-05-06 09:00', completedAt: '2021-05-06 09:30', rating: 5, updatedAt: '2021-05-06 09:30' }),
  rawApplication({ number: 'SQ20210002', submittedAt: '2021-05-07 10:00', updatedAt: '2021-05-07 10:00' }),
  rawApplication({ number: 'SQ20210003', submittedAt: '2021-05-08 11:00', completedAt: '2021-05-08 11:20', rating: '不满意', updatedAt: '2021-05-08 11:20' }),
];

/** The export: SQ20210002 completed and rated since, and a new application. */
const EXPORT = [
  'number,itemCode,departmentCode,channel,submittedAt,completedAt,rating,updatedAt',
  `SQ20210002,${ITEM},${DEPT.d1},窗口,2021-05-07 10:00,2021-05-09 10:00,满意,2021-05-09 10:00`,
  `SQ20210004,${ITEM},${DEPT.d1},网上办理,2021-06-01 09:00,2021-06-01 09:05,非常满意,2021-06-01 09:05`,
].join('\n');

let graph: TestGraph;
beforeEach(async () => {
  graph = await createTestGraph();
});
afterEach(() => graph.close());

describe('importing from the service platform through the runner', () => {
  it('shows in the statistics as soon as it commits, and changes nothing the second time', async () => {
    const requests: URL[] = [];
    upstream.use(
      pagedApi(`${BASE_URL}${catalogueItems.restPath}`, API_ITEMS, requests),
      cursorApi(`${BASE_URL}${applications.restPath}`, API_APPLICATIONS, requests),
    );
    const file = path.join(temporaryDirectory('govgraph-service-items-'), 'applications.csv');
    writeFileSync(file, `${EXPORT}\n`);
    const importAll = async () => [
      // Every resource from the API, the catalogue first (applications refer to its items).
      ...(await importSubgraph({ db: graph.db, imports: serviceItemImports, from: { url: BASE_URL, rest: FAST_REST }, batchSize: 2 })),
      await runImport({ db: graph.db, resource: applications, from: { file }, batchSize: 2 }),
    ];
    const status = async () => {
      const { data, errors } = await graph.run(STATUS, { item: ITEM }, ADMIN);
      expect(errors).toBeUndefined();
      return data;
    };

    const [items, api, csv] = await importAll();
    expect(requests.map((url) => `${url.pathname}?${url.searchParams}`)).toEqual([
      '/api/v1/catalogue/items?page=1&pageSize=2',
      '/api/v1/catalogue/items?page=2&pageSize=2',
      '/api/v1/applications?limit=2',
      '/api/v1/applications?limit=2&cursor=2',
    ]);
    expect(items).toMatchObject({ resource: 'catalogue-items', status: 'SUCCEEDED', inserted: 3, quarantined: 0 });
    expect(api).toMatchObject({ resource: 'applications', status: 'SUCCEEDED', inserted: 3, quarantined: 0 });
    expect(csv).toMatchObject({ status: 'SUCCEEDED', inserted: 1, updated: 1, unchanged: 0, quarantined: 0 });
    const after = await status();
    expect(after).toEqual({
      applicationStatistics: { handled: 4, completed: 4, rated: 4, satisfied: 3 },
      // The whole center, from the application rollup: the fixture's 6 / 5 / 5 / 3 and the four above.
      center: { handled: 10, completed: 9, rated: 9, satisfied: 6 },
      serviceItemImports: {
        resources: [
          { resource: 'catalogue-items', lastRun: { status: 'SUCCEEDED', inserted: 3, updated: 0, unchanged: 0, quarantined: 0 } },
          { resource: 'applications', lastRun: { status: 'SUCCEEDED', inserted: 1, updated: 1, unchanged: 0, quarantined: 0 } },
        ],
      },
    });

    const again = await importAll();
    expect(again.map(({ inserted, updated, unchanged, quarantined }) => ({ inserted, updated, unchanged, quarantined }))).toEqual([
      { inserted: 0, updated: 0, unchanged: 3, quarantined: 0 },
      // The API still has SQ20210002 open; the export's later version of it stays.
      { inserted: 0, updated: 0, unchanged: 3, quarantined: 0 },
      { inserted: 0, updated: 0, unchanged: 2, quarantined: 0 },
    ]);
    const rerun = await status();
    expect([rerun.applicationStatistics, rerun.center]).toEqual([after.applicationStatistics, after.center]);
  });
});
