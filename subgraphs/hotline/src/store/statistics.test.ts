/**
 * The rollup must answer exactly what the orders answer: every grouping the resolvers can ask,
 * computed both ways on the fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '@govgraph/core';
import type { Kysely } from 'kysely';
import { FIXTURE, fixtureOrders } from '../testing/fixture.js';
import { checkFilter } from './filters.js';
import { migrations } from './migrations.js';
import { refreshRollup } from './rollup.js';
import type { Database } from './schema.js';
import { mediansOf } from './medians.js';
import { countsOf, type GroupBy, type Grouping } from './statistics.js';

let db: Kysely<Database>;
const queries: string[] = [];

beforeAll(async () => {
  db = openDatabase<Database>({
    subgraph: 'hotline',
    file: ':memory:',
    onQuery: (e) => e.level === 'query' && queries.push(e.query.sql),
  }).db;
  await migrateToLatest(db, migrations);
  await db.insertInto('work_orders').values(fixtureOrders()).execute();
  await refreshRollup(db);
});
afterAll(async () => {
  await db.destroy();
});

const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const FILTERS = [
  YEAR,
  { from: '2021-01-15', to: '2021-04-30' },
  { from: '2021-02-01', to: '2021-05-09' },
  { from: '2021-04-30', to: '2021-05-01' },
  { ...YEAR, regionCode: '440800' },
  { ...YEAR, regionCode: '440881' },
  { ...YEAR, regionCode: '440802001' },
  { ...YEAR, regionCode: '440881001001' },
  { ...YEAR, departmentCode: FIXTURE.department1 },
  { ...YEAR, category: 'COMPLAINT' as const },
  { ...YEAR, channel: 'PHONE' as const },
  { ...YEAR, itemCode: FIXTURE.itemA },
  { ...YEAR, regionCode: '440802', category: 'CONSULTATION' as const },
];
const GROUPINGS: GroupBy[] = [
  { kind: 'WHOLE' },
  { kind: 'PERIOD', granularity: 'MONTH' },
  { kind: 'PERIOD', granularity: 'QUARTER' },
  { kind: 'DIMENSION', dimension: 'COUNTY' },
  { kind: 'DIMENSION', dimension: 'TOWNSHIP' },
  { kind: 'DIMENSION', dimension: 'DEPARTMENT' },
  { kind: 'DIMENSION', dimension: 'CATEGORY' },
  { kind: 'DIMENSION', dimension: 'CHANNEL' },
];

describe('counts from the rollup', () => {
  it.each(FILTERS.flatMap((filter) => GROUPINGS.map((by) => [JSON.stringify(filter), JSON.stringify(by)])))(
    'equal the counts from the orders for %s by %s',
    async (filterText, byText) => {
      const grouping: Grouping = { filter: checkFilter(JSON.parse(filterText)), by: JSON.parse(byText) };
      const fromRollup = await countsOf(db, grouping);
      const fromOrders = await countsOf(db, grouping, undefined, { fromOrders: true });
      expect(fromRollup).toEqual(fromOrders);
    },
  );

  it('is used when one dimension at most is involved, and not otherwise', async () => {
    const source = async (grouping: Grouping) => {
      queries.length = 0;
      await countsOf(db, grouping);
      return /work_order_rollup/.test(queries[0]!) ? 'rollup' : 'orders';
    };
    const year = checkFilter(YEAR);
    expect(await source({ filter: year, by: { kind: 'WHOLE' } })).toBe('rollup');
    expect(await source({ filter: { ...year, regionCode: '440881' }, by: { kind: 'DIMENSION', dimension: 'COUNTY' } })).toBe('rollup');
    expect(await source({ filter: { ...year, category: 'HELP' }, by: { kind: 'PERIOD', granularity: 'DAY' } })).toBe('rollup');
    expect(await source({ filter: { ...year, category: 'HELP' }, by: { kind: 'DIMENSION', dimension: 'COUNTY' } })).toBe('orders');
    expect(await source({ filter: { ...year, regionCode: '440881001001' }, by: { kind: 'WHOLE' } })).toBe('orders');
    expect(await source({ filter: { ...year, itemCode: FIXTURE.itemA }, by: { kind: 'WHOLE' } })).toBe('orders');
  });

  it('serves a batch of regions of mixed levels, villages from the orders, in one statement', async () => {
    queries.length = 0;
    const codes = ['440800', '440881', '440802001', '440881001001', FIXTURE.quietVillage];
    const counts = await countsOf(db, { filter: YEAR, by: { kind: 'REGION' } }, codes);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/from "work_order_rollup"/);
    expect(queries[0]).toMatch(/from "work_orders"/);
    expect(counts).toEqual(await countsOf(db, { filter: YEAR, by: { kind: 'REGION' } }, codes, { fromOrders: true }));
    expect([...counts].map(([k, c]) => [k, c.received])).toEqual(
      expect.arrayContaining([
        ['440800', 7],
        ['440881', 3],
        ['440802001', 3],
        ['440881001001', 2],
      ]),
    );
  });
});

describe('medians', () => {
  it('take the value at position floor(n / 2) of each group’s sorted minutes', async () => {
    const byCounty = await mediansOf(db, { filter: checkFilter(YEAR), by: { kind: 'DIMENSION', dimension: 'COUNTY' } });
    // 440802: 4, 6, 10, 1500 → 10; 440881: 2, 3000 (order 6 is open) → 3000.
    expect(byCounty).toEqual(new Map([['440802', 10], ['440881', 3000]]));
    // January to February: 4, 6, 1500, 3000 → the upper middle, 1500.
    const even = await mediansOf(db, { filter: checkFilter({ from: '2021-01-01', to: '2021-02-28' }), by: { kind: 'WHOLE' } });
    expect(even).toEqual(new Map([['*', 1500]]));
    // Up to 10 February: 4, 6, 1500 → 6.
    const odd = await mediansOf(db, { filter: checkFilter({ from: '2021-01-01', to: '2021-02-10' }), by: { kind: 'WHOLE' } });
    expect(odd).toEqual(new Map([['*', 6]]));
  });
});
