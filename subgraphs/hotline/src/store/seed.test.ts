import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, directory, seedOnce } from '@govgraph/core';
import type { Kysely } from 'kysely';
import { graphOver, memoryDatabase, type FixtureGraph } from '../testing/fixture.js';
import type { Database } from './schema.js';
import { chooseWeighted, HOTLINE_FIGURES, localInstant, seed, workOrderId } from './seed.js';
import { refreshRollup } from './rollup.js';
import { mediansOf } from './medians.js';
import { countsOf } from './statistics.js';

describe('seed helpers', () => {
  it('chooses exactly the requested count, never a zero weight', () => {
    const weights = Float64Array.from({ length: 10_000 }, (_, i) => (i % 10 === 0 ? 0 : (i % 7) + 1));
    const chosen = chooseWeighted(weights, 3_000, createRandom('t'));
    expect(chosen.reduce((s, c) => s + c, 0)).toBe(3_000);
    expect(weights.every((w, i) => w > 0 || chosen[i] === 0)).toBe(true);
    // Heavier weights are chosen more often.
    const rate = (w: number) => {
      const at = [...weights.keys()].filter((i) => weights[i] === w);
      return at.filter((i) => chosen[i]).length / at.length;
    };
    expect(rate(7)).toBeGreaterThan(rate(1));
    expect(() => chooseWeighted(weights, 9_001, createRandom('t'))).toThrow(/cannot choose/);
  });

  it('writes wall-clock instants with the city’s offset', () => {
    expect(localInstant(Date.UTC(2021, 2, 1, 8, 30, 5))).toBe('2021-03-01T08:30:05+08:00');
    expect(localInstant(Date.UTC(2021, 11, 31, 23, 59, 59))).toBe('2021-12-31T23:59:59+08:00');
    expect(workOrderId(42)).toBe('WO20210000042');
  });
});

/**
 * The full 2021 seed, as the subgraph seeds it on first start, and the report's figures read back
 * through the schema. The slow test of the suite (the year is 652,000 orders).
 */
describe('the 2021 dataset', () => {
  let db: Kysely<Database>;
  let graph: FixtureGraph;
  const queries: string[] = [];

  beforeAll(async () => {
    db = await memoryDatabase(queries);
    expect(await seedOnce(db, (trx) => seed(trx))).toBe('seeded');
    graph = graphOver(db, queries);
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
  });

  it('gives the report’s hotline figures', async () => {
    const { data, errors } = await graph.execute(`{
      mergedHotlines { number }
      hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31" }) {
        received directReplies dispatched replied completed rated satisfied replyRate completionRate satisfactionRate } }`);
    expect(errors).toBeUndefined();
    expect(data.mergedHotlines).toHaveLength(55);
    expect(new Set(data.mergedHotlines.map((h: any) => h.number)).size).toBe(55);
    const h = data.hotlineStatistics;
    expect(h).toMatchObject({
      received: HOTLINE_FIGURES.received,
      directReplies: 548_000,
      dispatched: 104_000,
      replied: 652_000,
      completed: HOTLINE_FIGURES.completed,
      rated: HOTLINE_FIGURES.rated,
      satisfied: HOTLINE_FIGURES.satisfied,
      replyRate: 1,
    });
    expect(Number(h.completionRate.toFixed(4))).toBe(0.9997);
    expect(Number(h.satisfactionRate.toFixed(4))).toBe(0.9985);
  });

  it('references only codes of the shared directory, at the levels the model allows', async () => {
    const { regionByCode, departmentByCode, itemByCode } = directory();
    const distinct = async (column: 'region_code' | 'county_code' | 'township_code' | 'department_code' | 'item_code') =>
      (await db.selectFrom('work_orders').select(column).distinct().where(column, 'is not', null).execute()).map(
        (r) => r[column] as string,
      );
    const regions = await distinct('region_code');
    expect(regions.every((c) => ['TOWNSHIP', 'VILLAGE'].includes(regionByCode.get(c)?.level ?? ''))).toBe(true);
    expect((await distinct('county_code')).sort()).toEqual(directory().regions.filter((r) => r.level === 'COUNTY').map((r) => r.code).sort());
    expect((await distinct('township_code')).every((c) => regionByCode.get(c)?.level === 'TOWNSHIP')).toBe(true);
    expect((await distinct('department_code')).every((c) => ['CITY', 'COUNTY'].includes(departmentByCode.get(c)?.level ?? ''))).toBe(true);
    expect((await distinct('item_code')).every((c) => itemByCode.has(c))).toBe(true);
    const lines = await db.selectFrom('merged_hotlines').select('department_code').execute();
    expect(lines.every((l) => departmentByCode.has(l.department_code))).toBe(true);
  });

  it('keeps to 2021 and to receipt order, with handling minutes matching the timestamps', async () => {
    const range = await db
      .selectFrom('work_orders')
      .select((eb) => [eb.fn.min('received_at').as('first'), eb.fn.max('received_at').as('last'), eb.fn.min('id').as('firstId')])
      .executeTakeFirstOrThrow();
    expect(range.first >= '2021-01-01T00:00:00+08:00' && range.last < '2022-01-01').toBe(true);
    const late = await db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('replied_at', '>=', '2022-01-01'), eb('completed_at', '>=', '2022-01-01')]))
      .executeTakeFirstOrThrow();
    expect(Number(late.n)).toBe(0);
    expect(range.firstId).toBe('WO20210000001');
    const sample = await db
      .selectFrom('work_orders')
      .select(['id', 'received_at', 'completed_at', 'handling_minutes', 'disposition', 'department_code'])
      .where('id', 'in', Array.from({ length: 500 }, (_, i) => workOrderId(1 + i * 1303)))
      .orderBy('id')
      .execute();
    for (let i = 1; i < sample.length; i++) expect(sample[i]!.received_at >= sample[i - 1]!.received_at).toBe(true);
    for (const o of sample) {
      if (o.completed_at) {
        expect(o.handling_minutes).toBe(Math.floor((Date.parse(o.completed_at) - Date.parse(o.received_at)) / 60_000));
      }
      expect(o.disposition === 'DISPATCHED').toBe(o.department_code !== null);
    }
  });

  it('looks like a year of calls: busier on weekdays and in summer', async () => {
    const { data } = await graph.execute(`{
      days: hotlineTrend(filter: { from: "2021-03-01", to: "2021-03-28" }, granularity: DAY) { period statistics { received } }
      months: hotlineTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: MONTH) { period statistics { received } } }`);
    const perDay = data.days.map((d: any) => [new Date(d.period).getUTCDay(), d.statistics.received]);
    const mean = (dow: number) => {
      const xs = perDay.filter(([d]: number[]) => d === dow).map(([, n]: number[]) => n);
      return xs.reduce((s: number, n: number) => s + n, 0) / xs.length;
    };
    expect(mean(1)).toBeGreaterThan(1.5 * mean(0));
    const month = (m: string) => data.months.find((p: any) => p.period === m).statistics.received;
    expect(month('2021-08')).toBeGreaterThan(1.3 * month('2021-02'));
  });

  it('holds the rollup that SQL computes from the orders', async () => {
    // One month, every dimension and grain (with the year it adds up to): SQL's refresh leaves
    // the seeded rows as they were.
    const july = { from: '2021-07-01', to: '2021-07-31' };
    const snapshot = () =>
      db
        .selectFrom('work_order_rollup')
        .selectAll()
        .where((eb) => eb.or([eb('period', '>=', '2021-07').and('period', '<=', july.to), eb('period', '=', '2021')]))
        .orderBy('dimension').orderBy('grain').orderBy('key').orderBy('period')
        .execute();
    // The histogram's July days and month, and the year they add up to.
    const histogram = () =>
      db
        .selectFrom('work_order_handling')
        .selectAll()
        .where((eb) => eb.or([eb('period', '>=', '2021-07').and('period', '<=', july.to), eb('period', '=', '2021')]))
        .orderBy(['dimension', 'grain', 'period', 'key', 'bucket'])
        .execute();
    const medians = () =>
      db
        .selectFrom('work_order_medians')
        .selectAll()
        .where((eb) => eb.or([eb('period', '>=', '2021-07').and('period', '<=', july.to), eb('period', '=', '2021')]))
        .orderBy(['dimension', 'grain', 'period', 'key'])
        .execute();
    const seeded = await snapshot();
    const seededHistogram = await histogram();
    const seededMedians = await medians();
    expect(seeded.length).toBeGreaterThan(5_000);
    expect(seededHistogram.length).toBeGreaterThan(20_000);
    expect(seededMedians.length).toBeGreaterThan(500);
    await refreshRollup(db, july);
    expect(await snapshot()).toEqual(seeded);
    expect(await histogram()).toEqual(seededHistogram);
    expect(await medians()).toEqual(seededMedians);
  }, 60_000);

  it('answers from the rollup exactly what the orders answer', async () => {
    const year = { from: '2021-01-01', to: '2021-12-31' };
    for (const dimension of ['COUNTY', 'DEPARTMENT'] as const) {
      const grouping = { filter: year, by: { kind: 'DIMENSION' as const, dimension } };
      expect(await countsOf(db, grouping)).toEqual(await countsOf(db, grouping, undefined, { fromOrders: true }));
    }
  }, 30_000);

  it('answers medians from the histogram exactly as the orders do', async () => {
    const groupings = [
      { filter: { from: '2021-01-01', to: '2021-12-31' }, by: { kind: 'DIMENSION' as const, dimension: 'DEPARTMENT' as const } },
      { filter: { from: '2021-01-01', to: '2021-12-31' }, by: { kind: 'DIMENSION' as const, dimension: 'CATEGORY' as const } },
      { filter: { from: '2021-02-10', to: '2021-11-20' }, by: { kind: 'PERIOD' as const, granularity: 'QUARTER' as const } },
    ];
    for (const grouping of groupings) {
      expect(await mediansOf(db, grouping)).toEqual(await mediansOf(db, grouping, undefined, { fromOrders: true }));
    }
  }, 60_000);
});
