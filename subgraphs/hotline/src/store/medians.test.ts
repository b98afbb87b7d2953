/**
 * Medians from the handling-time histogram must be exactly the medians of the sorted orders: on
 * 4,000 random orders, for every grouping the resolvers ask, over whole years, whole months and
 * ranges that start or end mid-month, for whole sets and for entity batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory, migrateToLatest, openDatabase } from '@govgraph/core';
import type { Kysely } from 'kysely';
import { randomOrders } from '../testing/random-orders.js';
import { bulkInsert } from '@govgraph/core';
import { checkFilter } from './filters.js';
import { HandlingHistogramBuilder } from './handling-histogram.js';
import { mediansOf } from './medians.js';
import { migrations } from './migrations.js';
import { refreshRollup } from './rollup.js';
import type { Database } from './schema.js';
import type { GroupBy, Grouping } from './statistics.js';

let db: Kysely<Database>;
const queries: string[] = [];
const orders = randomOrders(4_000);
const dispatchedTo = [...new Set(orders.map((o) => o.department_code).filter((d): d is string => d != null))];
const townships = [...new Set(orders.map((o) => o.township_code))];
const villages = [...new Set(orders.map((o) => o.region_code))].filter((c) => c.length === 12);

beforeAll(async () => {
  db = openDatabase<Database>({
    subgraph: 'hotline',
    file: ':memory:',
    onQuery: (e) => e.level === 'query' && queries.push(e.query.sql),
  }).db;
  await migrateToLatest(db, migrations);
  await bulkInsert(db, 'work_orders', orders);
  await refreshRollup(db);
});
afterAll(async () => {
  await db.destroy();
});

const RANGES = [
  { from: '2021-01-01', to: '2021-12-31' },
  { from: '2021-03-01', to: '2021-03-31' },
  { from: '2021-02-01', to: '2021-07-31' },
  { from: '2021-01-15', to: '2021-12-15' },
  { from: '2021-05-20', to: '2021-09-10' },
  { from: '2021-06-03', to: '2021-06-21' },
  { from: '2021-12-31', to: '2021-12-31' },
];
const FILTERS = [
  ...RANGES,
  { ...RANGES[0]!, regionCode: townships[0]!.slice(0, 6) },
  { ...RANGES[3]!, regionCode: townships[1] },
  { ...RANGES[0]!, departmentCode: dispatchedTo[0] },
  { ...RANGES[4]!, category: 'COMPLAINT' as const },
  { ...RANGES[0]!, channel: 'WEB' as const },
  { ...RANGES[0]!, regionCode: villages[0] },
];
const GROUPINGS: GroupBy[] = [
  { kind: 'WHOLE' },
  { kind: 'PERIOD', granularity: 'DAY' },
  { kind: 'PERIOD', granularity: 'MONTH' },
  { kind: 'PERIOD', granularity: 'QUARTER' },
  { kind: 'PERIOD', granularity: 'YEAR' },
  { kind: 'DIMENSION', dimension: 'COUNTY' },
  { kind: 'DIMENSION', dimension: 'TOWNSHIP' },
  { kind: 'DIMENSION', dimension: 'DEPARTMENT' },
  { kind: 'DIMENSION', dimension: 'CATEGORY' },
  { kind: 'DIMENSION', dimension: 'CHANNEL' },
];

async function bothWays(grouping: Grouping, keys?: readonly string[]) {
  const fromHistogram = await mediansOf(db, grouping, keys);
  const fromOrders = await mediansOf(db, grouping, keys, { fromOrders: true });
  return { fromHistogram, fromOrders };
}

describe('medians from the handling-time histogram', () => {
  it.each(FILTERS.flatMap((filter) => GROUPINGS.map((by) => [JSON.stringify(filter), JSON.stringify(by)])))(
    'equal the medians of the sorted orders for %s by %s',
    async (filterText, byText) => {
      const grouping: Grouping = { filter: checkFilter(JSON.parse(filterText)), by: JSON.parse(byText) };
      const { fromHistogram, fromOrders } = await bothWays(grouping);
      expect(fromOrders.size).toBeGreaterThan(0);
      expect(fromHistogram).toEqual(fromOrders);
    },
  );

  it('land in buckets wider than a minute as well as one-minute ones', async () => {
    const year = checkFilter(RANGES[0]!);
    const byDepartment = await mediansOf(db, { filter: year, by: { kind: 'DIMENSION', dimension: 'DEPARTMENT' } });
    const byCategory = await mediansOf(db, { filter: year, by: { kind: 'DIMENSION', dimension: 'CATEGORY' } });
    expect([...byDepartment.values()].every((m) => m >= 64)).toBe(true);
    expect([...byCategory.values()].every((m) => m < 64)).toBe(true);
  });

  it('answer entity batches: departments, and regions of every level at once', async () => {
    for (const range of [RANGES[0]!, RANGES[3]!]) {
      const filter = checkFilter(range);
      const departments = await bothWays({ filter, by: { kind: 'DIMENSION', dimension: 'DEPARTMENT' } }, dispatchedTo.slice(0, 3));
      expect(departments.fromHistogram.size).toBe(3);
      expect(departments.fromHistogram).toEqual(departments.fromOrders);
      const regions = ['440800', townships[0]!.slice(0, 6), '440803', ...townships.slice(0, 3), ...villages.slice(0, 3)];
      const byRegion = await bothWays({ filter, by: { kind: 'REGION' } }, regions);
      expect(byRegion.fromHistogram.size).toBe(regions.length - 1); // 440803 has no orders here
      expect(byRegion.fromHistogram).toEqual(byRegion.fromOrders);
    }
  });

  it('read one stored row per group when each group is one period of the histogram', async () => {
    for (const by of [
      { kind: 'DIMENSION', dimension: 'DEPARTMENT' },
      { kind: 'PERIOD', granularity: 'MONTH' },
      { kind: 'PERIOD', granularity: 'DAY' },
    ] as GroupBy[]) {
      queries.length = 0;
      await mediansOf(db, { filter: checkFilter(RANGES[0]!), by });
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/from "work_order_medians"/);
      expect(queries[0]).not.toMatch(/work_orders/);
    }
  });

  it('walk the histogram otherwise: one statement for the buckets, one for the medians in wide ones, whatever the number of groups', async () => {
    const midMonth = checkFilter(RANGES[3]!);
    for (const keys of [dispatchedTo.slice(0, 1), dispatchedTo]) {
      queries.length = 0;
      const medians = await mediansOf(db, { filter: midMonth, by: { kind: 'DIMENSION', dimension: 'DEPARTMENT' } }, keys);
      expect(medians.size).toBe(keys.length);
      expect(queries).toHaveLength(2);
      expect(queries[0]).toMatch(/from "work_order_handling"/);
      expect(queries[1]).toMatch(/from "work_orders"/);
    }
  });
});

describe('the handling-time histogram', () => {
  it('stores for every period exactly the median the orders give', async () => {
    const stored = await db.selectFrom('work_order_medians').selectAll().execute();
    expect(stored.length).toBeGreaterThan(500);
    const byMonth = await mediansOf(
      db,
      { filter: checkFilter(RANGES[0]!), by: { kind: 'PERIOD', granularity: 'MONTH' } },
      undefined,
      { fromOrders: true },
    );
    const monthRows = stored.filter((r) => r.dimension === 'ALL' && r.grain === 'MONTH');
    expect(new Map(monthRows.map((r) => [r.period, r.median_minutes]))).toEqual(byMonth);
    for (const dimension of ['TOWNSHIP', 'DEPARTMENT'] as const) {
      const byKey = await mediansOf(db, { filter: checkFilter(RANGES[1]!), by: { kind: 'DIMENSION', dimension } }, undefined, { fromOrders: true });
      const rows = stored.filter((r) => r.dimension === dimension && r.grain === 'MONTH' && r.period === '2021-03');
      expect(new Map(rows.map((r) => [r.key, r.median_minutes]))).toEqual(byKey);
    }
  });

  it('summed in memory by the seed holds the rows SQL computes from the orders', async () => {
    const builder = new HandlingHistogramBuilder();
    for (const order of orders) builder.add(order);
    const key = (r: { dimension: string; grain: string; period: string; key: string; bucket: number }) =>
      `${r.dimension} ${r.grain} ${r.period} ${r.key} ${String(r.bucket).padStart(8, '0')}`;
    const inMemory = builder
      .rows()
      .map((r) => ({ ...r }))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const fromSql = (await db.selectFrom('work_order_handling').selectAll().execute()).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(fromSql.length).toBeGreaterThan(1_000);
    expect(inMemory).toEqual(fromSql);
  });

  it('is refreshed for the days an import touched, its months and its years', async () => {
    const before = await db.selectFrom('work_order_handling').selectAll().orderBy(['dimension', 'grain', 'period', 'key', 'bucket']).execute();
    // A new order on 10 June, then a refresh of that day only.
    const township = townships[0]!;
    await db
      .insertInto('work_orders')
      .values({
        ...orders[0]!,
        id: 'WO2021X000001',
        received_at: '2021-06-10T09:00:00+08:00',
        county_code: township.slice(0, 6),
        township_code: township,
        region_code: township,
        completed_at: '2021-06-10T09:07:00+08:00',
        handling_minutes: 7,
      })
      .execute();
    await refreshRollup(db, { from: '2021-06-10', to: '2021-06-10' });
    const after = await db.selectFrom('work_order_handling').selectAll().orderBy(['dimension', 'grain', 'period', 'key', 'bucket']).execute();
    const ordersIn = (rows: typeof before, grain: string, period: string) =>
      rows.filter((r) => r.dimension === 'ALL' && r.grain === grain && r.period === period).reduce((s, r) => s + r.orders, 0);
    expect(ordersIn(after, 'DAY', '2021-06-10')).toBe(ordersIn(before, 'DAY', '2021-06-10') + 1);
    expect(ordersIn(after, 'MONTH', '2021-06')).toBe(ordersIn(before, 'MONTH', '2021-06') + 1);
    expect(ordersIn(after, 'YEAR', '2021')).toBe(ordersIn(before, 'YEAR', '2021') + 1);
    expect(after.length - before.length).toBeLessThanOrEqual(7 * 3);
    const year = checkFilter(RANGES[0]!);
    for (const by of GROUPINGS) {
      const { fromHistogram, fromOrders } = await bothWays({ filter: year, by });
      expect(fromHistogram).toEqual(fromOrders);
    }
    await db.deleteFrom('work_orders').where('id', '=', 'WO2021X000001').execute();
    await refreshRollup(db, { from: '2021-06-10', to: '2021-06-10' });
    expect(await db.selectFrom('work_order_handling').selectAll().orderBy(['dimension', 'grain', 'period', 'key', 'bucket']).execute()).toEqual(before);
  });
});

// The directory is the source of the codes: every code the random orders use resolves.
it('uses codes of the shared directory', () => {
  const { regionByCode, departmentByCode } = directory();
  expect(orders.every((o) => regionByCode.has(o.region_code) && (o.department_code == null || departmentByCode.has(o.department_code)))).toBe(true);
});
