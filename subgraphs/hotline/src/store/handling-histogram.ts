/**
 * The handling-time histogram (work_order_handling, see schema.ts): kept by SQL from the orders
 * for whatever days an import touched, and summed in memory by the seed, which writes every order
 * itself. Both give the same rows; the seed test checks it.
 */
import { sql, type Insertable, type Kysely, type SelectQueryBuilder } from 'kysely';
import { monthsAround, yearsAround, type DateRange } from '@govgraph/core';
import { bucketEndSql, EXACT_BELOW, handlingBucket, handlingBucketSql } from './handling-buckets.js';
import { receivedWithin } from './filters.js';
import type { Database, RollupGrain, RollupDimension, WorkOrderHandlingTable, WorkOrderTable } from './schema.js';

/** The column of work_orders holding each dimension's key (ALL has the single key `*`). */
const DIMENSIONS: readonly (readonly [RollupDimension, keyof WorkOrderTable | null])[] = [
  ['ALL', null],
  ['COUNTY', 'county_code'],
  ['TOWNSHIP', 'township_code'],
  ['DEPARTMENT', 'department_code'],
  ['CATEGORY', 'category'],
  ['CHANNEL', 'channel'],
];

/**
 * Only the city as a whole has DAY rows: one day of a township or a department holds a handful
 * of orders, so its day rows would be nearly as many as the orders themselves.
 */
export function hasDayRows(dimension: RollupDimension): boolean {
  return dimension === 'ALL';
}

const COLUMNS = ['dimension', 'grain', 'period', 'key', 'bucket', 'orders', 'orders_below', 'completed'] as const;

const text = <T extends string>(value: T) => sql<T>`cast(${value} as text)`;

interface BucketCount {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
  bucket: number;
  orders: number;
}

// Rows of bucket counts from the orders or from month rows; their table types differ.
type BucketCounts = SelectQueryBuilder<Database, any, BucketCount>;

/** Inserts bucket counts with each bucket's running count below it and its period's total. */
async function insertWithRunningCounts(db: Kysely<Database>, counts: BucketCounts): Promise<void> {
  const partition = sql`partition by dimension, grain, period, key`;
  const rows = db
    .selectFrom(counts.as('h'))
    .select([
      'dimension',
      'grain',
      'period',
      'key',
      'bucket',
      'orders',
      sql<number>`sum(orders) over (${partition} order by bucket) - orders`.as('orders_below'),
      sql<number>`sum(orders) over (${partition})`.as('completed'),
    ]);
  await db.insertInto('work_order_handling').columns(COLUMNS).expression(rows).execute();
}

/** One dimension's DAY or MONTH bucket counts straight from the completed orders of `range`. */
function fromOrders(
  db: Kysely<Database>,
  dimension: RollupDimension,
  column: keyof WorkOrderTable | null,
  grain: 'DAY' | 'MONTH',
  range: DateRange | undefined,
): BucketCounts {
  const period = grain === 'DAY' ? sql<string>`substr(received_at, 1, 10)` : sql<string>`substr(received_at, 1, 7)`;
  let orders = db
    .selectFrom('work_orders')
    .select([
      text(dimension).as('dimension'),
      text<RollupGrain>(grain).as('grain'),
      period.as('period'),
      (column ? sql<string>`${sql.ref(column)}` : text<string>('*')).as('key'),
      handlingBucketSql('handling_minutes').as('bucket'),
      sql<number>`count(*)`.as('orders'),
    ])
    .where('handling_minutes', 'is not', null)
    .groupBy([sql`3`, sql`4`, sql`5`]);
  if (range) orders = receivedWithin(orders, range.from, range.to);
  // Direct replies have no department: no row in the department dimension.
  if (column === 'department_code') orders = orders.where('department_code', 'is not', null);
  return orders;
}

/** YEAR bucket counts summed from the MONTH rows of the years `years` spans. */
function yearsFromMonths(db: Kysely<Database>, years: DateRange | undefined): BucketCounts {
  let months = db
    .selectFrom('work_order_handling')
    .select([
      'dimension',
      text<RollupGrain>('YEAR').as('grain'),
      sql<string>`substr(period, 1, 4)`.as('period'),
      'key',
      'bucket',
      sql<number>`sum(orders)`.as('orders'),
    ])
    .where('grain', '=', 'MONTH')
    .groupBy(['dimension', sql`substr(period, 1, 4)`, 'key', 'bucket']);
  if (years) months = months.where('period', '>=', years.from.slice(0, 7)).where('period', '<=', years.to.slice(0, 7));
  return months;
}

/** A grain's periods around a day range, in the grain's own form; all of them when omitted. */
interface GrainPeriods {
  grain: RollupGrain;
  /** Characters of an ISO day or instant that make the grain's period (`2021-03` is 7). */
  length: 10 | 7 | 4;
  from?: string;
  to?: string;
}

function periodsAround(range: DateRange | undefined): GrainPeriods[] {
  const months = range && monthsAround(range);
  const years = range && yearsAround(range);
  return [
    { grain: 'DAY', length: 10, ...(range ? { from: range.from, to: range.to } : {}) },
    { grain: 'MONTH', length: 7, ...(months ? { from: months.from.slice(0, 7), to: months.to.slice(0, 7) } : {}) },
    { grain: 'YEAR', length: 4, ...(years ? { from: years.from.slice(0, 4), to: years.to.slice(0, 4) } : {}) },
  ];
}

async function clear(db: Kysely<Database>, table: 'work_order_handling' | 'work_order_medians', periods: GrainPeriods): Promise<void> {
  let rows = db.deleteFrom(table).where('grain', '=', periods.grain);
  if (periods.from !== undefined) rows = rows.where('period', '>=', periods.from).where('period', '<=', periods.to!);
  await rows.execute();
}

/**
 * Recomputes the histogram for the days from..to (every day when omitted): the DAY rows of those
 * days, the MONTH rows of their months (from the orders: only the city has day rows to sum) and
 * the YEAR rows of their years (from the month rows); then the medians of the same periods.
 */
export async function refreshHandlingHistogram(db: Kysely<Database>, range?: DateRange): Promise<void> {
  for (const periods of periodsAround(range)) await clear(db, 'work_order_handling', periods);
  const months = range ? monthsAround(range) : undefined;
  for (const [dimension, column] of DIMENSIONS) {
    if (hasDayRows(dimension)) await insertWithRunningCounts(db, fromOrders(db, dimension, column, 'DAY', range));
    await insertWithRunningCounts(db, fromOrders(db, dimension, column, 'MONTH', months));
  }
  await insertWithRunningCounts(db, yearsFromMonths(db, range ? yearsAround(range) : undefined));
  await refreshHandlingMedians(db, range);
}

/**
 * Recomputes work_order_medians from the histogram for the periods around from..to (every period
 * when omitted). Each group's median is at position floor(n / 2) of its sorted minutes: the
 * histogram row whose running counts straddle that position names the bucket and the rank in it.
 * A one-minute bucket is the median itself; in a wider one the median is the order at that rank
 * among the group's orders of the period in the bucket, numbered in one statement per dimension.
 */
export async function refreshHandlingMedians(db: Kysely<Database>, range?: DateRange): Promise<void> {
  for (const periods of periodsAround(range)) {
    await clear(db, 'work_order_medians', periods);
    for (const [dimension, column] of DIMENSIONS) {
      if (periods.grain === 'DAY' && !hasDayRows(dimension)) continue;
      await insertMedians(db, dimension, column, periods);
    }
  }
}

async function insertMedians(
  db: Kysely<Database>,
  dimension: RollupDimension,
  column: keyof WorkOrderTable | null,
  periods: GrainPeriods,
): Promise<void> {
  const half = sql<number>`h.completed / 2`;
  let straddling = db
    .selectFrom('work_order_handling as h')
    .where('h.dimension', '=', dimension)
    .where('h.grain', '=', periods.grain)
    .where(sql<boolean>`h.orders_below <= ${half}`)
    .where(sql<boolean>`h.orders_below + h.orders > ${half}`);
  if (periods.from !== undefined) straddling = straddling.where('h.period', '>=', periods.from).where('h.period', '<=', periods.to!);
  const columns = ['dimension', 'grain', 'period', 'key', 'median_minutes'] as const;

  const exact = straddling.select(['h.dimension', 'h.grain', 'h.period', 'h.key', 'h.bucket as median_minutes']).where('h.bucket', '<', EXACT_BELOW);
  await db.insertInto('work_order_medians').columns(columns).expression(exact).execute();

  // A cross join with the conditions in WHERE: SQLite keeps the straddling rows as the outer loop,
  // each reading only its bucket's orders from an index.
  let inBucket = straddling
    .where('h.bucket', '>=', EXACT_BELOW)
    .crossJoin('work_orders as o')
    .select([
      'h.dimension',
      'h.grain',
      'h.period',
      'h.key',
      sql<number>`${half} - h.orders_below`.as('rnk'),
      'o.handling_minutes as m',
      sql<number>`row_number() over (partition by h.period, h.key order by o.handling_minutes)`.as('position'),
    ])
    .whereRef('o.handling_minutes', '>=', 'h.bucket')
    .where(sql.ref('o.handling_minutes'), '<', bucketEndSql('h.bucket'))
    .where(sql<boolean>`substr(o.received_at, 1, ${sql.lit(periods.length)}) = h.period`);
  if (column) {
    inBucket = inBucket.where(sql.ref(`o.${column}`), 'is not', null).where(sql.ref(`o.${column}`), '=', sql.ref('h.key'));
  }
  const wide = db
    .selectFrom(inBucket.as('b'))
    .select(['dimension', 'grain', 'period', 'key', 'm as median_minutes'])
    .where(sql<boolean>`position = rnk + 1`);
  await db.insertInto('work_order_medians').columns(columns).expression(wide).execute();
}

/** bucket → completed orders. */
type Buckets = Map<number, number>;

function bump(byKey: Map<string, Buckets>, key: string, bucket: number, orders: number): void {
  let buckets = byKey.get(key);
  if (!buckets) byKey.set(key, (buckets = new Map()));
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + orders);
}

/**
 * The same histogram, summed while the seed writes its orders (as RollupBuilder sums the counts):
 * a pass over 652,000 orders in memory instead of seven in SQL. Counts are kept per period, then
 * per dimension (by its place in DIMENSIONS), then per key, so adding an order builds no strings.
 */
export class HandlingHistogramBuilder {
  private readonly months = new Map<string, Map<string, Buckets>[]>();
  private readonly days = new Map<string, Map<string, Buckets>>();

  add(order: Insertable<WorkOrderTable>): void {
    const minutes = order.handling_minutes;
    if (minutes == null) return;
    const bucket = handlingBucket(minutes);
    const day = order.received_at.slice(0, 10);
    const month = day.slice(0, 7);
    let byDimension = this.months.get(month);
    if (!byDimension) this.months.set(month, (byDimension = DIMENSIONS.map(() => new Map())));
    DIMENSIONS.forEach(([dimension, column], i) => {
      const key = column ? (order[column] as string | null | undefined) : '*';
      if (key == null) return;
      bump(byDimension[i]!, key, bucket, 1);
      if (hasDayRows(dimension)) {
        let byKey = this.days.get(day);
        if (!byKey) this.days.set(day, (byKey = new Map()));
        bump(byKey, key, bucket, 1);
      }
    });
  }

  /** Every row, once all orders have been added: YEAR rows summed from the MONTH rows. */
  rows(): Insertable<WorkOrderHandlingTable>[] {
    const out: Insertable<WorkOrderHandlingTable>[] = [];
    const years = new Map<string, Map<string, Buckets>[]>();
    for (const [month, byDimension] of this.months) {
      const year = month.slice(0, 4);
      let yearly = years.get(year);
      if (!yearly) years.set(year, (yearly = DIMENSIONS.map(() => new Map())));
      byDimension.forEach((byKey, i) => {
        emit(out, DIMENSIONS[i]![0], 'MONTH', month, byKey);
        for (const [key, buckets] of byKey) for (const [bucket, orders] of buckets) bump(yearly[i]!, key, bucket, orders);
      });
    }
    for (const [year, byDimension] of years) byDimension.forEach((byKey, i) => emit(out, DIMENSIONS[i]![0], 'YEAR', year, byKey));
    for (const [day, byKey] of this.days) emit(out, 'ALL', 'DAY', day, byKey);
    return out;
  }
}

/** One period's rows of one dimension, each bucket with the running count below it. */
function emit(
  out: Insertable<WorkOrderHandlingTable>[],
  dimension: RollupDimension,
  grain: RollupGrain,
  period: string,
  byKey: Map<string, Buckets>,
): void {
  for (const [key, buckets] of byKey) {
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    const completed = sorted.reduce((sum, [, orders]) => sum + orders, 0);
    let below = 0;
    for (const [bucket, orders] of sorted) {
      out.push({ dimension, grain, period, key, bucket, orders, orders_below: below, completed });
      below += orders;
    }
  }
}
