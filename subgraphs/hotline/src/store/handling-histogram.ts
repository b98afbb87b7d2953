/**
 * The handling-time histogram (work_order_handling, see schema.ts) and the medians derived from it
 * (work_order_medians). The bucket counts are summed in memory, one pass per month of orders: the
 * seed sums every order as it writes it; a refresh (after an import) reads the orders of the
 * months it touched and sums them the same way, which costs less than one SQL GROUP BY per
 * dimension. Year rows and medians are then derived in SQL.
 */
import { sql, type Insertable, type Kysely, type SelectQueryBuilder } from 'kysely';
import { bulkInsert, clearPeriods, inSlices, keysIn, monthsAround, PERIOD_LENGTH, periodsAround, type DateRange, type GrainPeriods } from '@govgraph/core';
import { bucketEndSql, EXACT_BELOW, handlingBucket } from './handling-buckets.js';
import type { Database, RollupGrain, RollupDimension, WorkOrderHandlingTable, WorkOrderTable } from './schema.js';

type KeyColumn = 'county_code' | 'township_code' | 'department_code' | 'category' | 'channel';

/** The column of work_orders holding each dimension's key (ALL has the single key `*`). */
export const HISTOGRAM_DIMENSIONS: readonly (readonly [RollupDimension, KeyColumn | null])[] = [
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

// Rows of bucket counts summed from month rows.
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

/** The month after `2021-03`: `2021-04`. */
function nextMonth(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);
}

/** The months (`2021-03`) of from..to, in order. */
function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  for (let month = range.from.slice(0, 7); month <= range.to.slice(0, 7); month = nextMonth(month)) months.push(month);
  return months;
}

/** The columns the histogram reads from an order. */
type HistogramOrder = Pick<
  Insertable<WorkOrderTable>,
  'received_at' | 'handling_minutes' | 'county_code' | 'township_code' | 'department_code' | 'category' | 'channel'
>;

/**
 * Recomputes the histogram around the days from..to (every day when omitted): the DAY and MONTH
 * rows of their whole months, summed from those months' orders one month at a time; the YEAR rows
 * of their years, by taking the months' old rows out of them and adding the new ones (a full
 * refresh sums every month instead); then the medians of the same periods.
 */
export async function refreshHandlingHistogram(db: Kysely<Database>, range?: DateRange): Promise<void> {
  if (!range) {
    for (const periods of periodsAround()) await clearPeriods(db, 'work_order_handling', periods);
    const months = await db.selectFrom('work_orders').select(sql<string>`substr(received_at, 1, 7)`.as('month')).distinct().execute();
    for (const { month } of months) await bulkInsert(db, 'work_order_handling', await monthRows(db, month));
    await insertWithRunningCounts(db, yearsFromMonths(db, undefined));
    await refreshHandlingMedians(db);
    return;
  }
  const around = monthsAround(range);
  const months = monthsOf(around);
  const [days, monthPeriods, yearPeriods] = periodsAround(around);
  const years = new YearSums(await countsOf(db, yearPeriods));
  years.subtract(await countsOf(db, monthPeriods));
  await clearPeriods(db, 'work_order_handling', days);
  await clearPeriods(db, 'work_order_handling', monthPeriods);
  for (const month of months) {
    const rows = await monthRows(db, month);
    years.add(rows.filter((r) => r.grain === 'MONTH'));
    await bulkInsert(db, 'work_order_handling', rows);
  }
  await clearPeriods(db, 'work_order_handling', yearPeriods);
  await bulkInsert(db, 'work_order_handling', years.rows());
  await refreshHandlingMedians(db, around);
}

/** The DAY and MONTH rows of one month, summed from its completed orders. */
async function monthRows(db: Kysely<Database>, month: string): Promise<Insertable<WorkOrderHandlingTable>[]> {
  const orders: HistogramOrder[] = await db
    .selectFrom('work_orders')
    .select(['received_at', 'handling_minutes', 'county_code', 'township_code', 'department_code', 'category', 'channel'])
    .where('received_at', '>=', `${month}-01`)
    .where('received_at', '<', `${nextMonth(month)}-01`)
    .where('handling_minutes', 'is not', null)
    .execute();
  const builder = new HandlingHistogramBuilder();
  for (const order of orders) builder.add(order);
  return builder.rows({ years: false });
}

interface BucketRow {
  dimension: RollupDimension;
  period: string;
  key: string;
  bucket: number;
  orders: number;
}

/** The bucket counts of one grain's periods. */
function countsOf(db: Kysely<Database>, periods: GrainPeriods): Promise<BucketRow[]> {
  return db
    .selectFrom('work_order_handling')
    .select(['dimension', 'period', 'key', 'bucket', 'orders'])
    .where('grain', '=', periods.grain)
    .where('period', '>=', periods.from!)
    .where('period', '<=', periods.to!)
    .execute();
}

/** YEAR bucket counts being brought up to date month by month, in memory. */
class YearSums {
  private readonly sums = new Map<string, Map<string, Buckets>>();

  constructor(yearRows: readonly BucketRow[]) {
    for (const r of yearRows) this.bump(r.dimension, r.period, r.key, r.bucket, r.orders);
  }

  add(monthRows: readonly Pick<BucketRow, 'dimension' | 'period' | 'key' | 'bucket' | 'orders'>[]): void {
    for (const r of monthRows) this.bump(r.dimension, r.period.slice(0, 4), r.key, r.bucket, r.orders);
  }

  subtract(monthRows: readonly BucketRow[]): void {
    for (const r of monthRows) this.bump(r.dimension, r.period.slice(0, 4), r.key, r.bucket, -r.orders);
  }

  /** The YEAR rows, without the buckets (and keys) no order is left in. */
  rows(): Insertable<WorkOrderHandlingTable>[] {
    const out: Insertable<WorkOrderHandlingTable>[] = [];
    for (const [group, byKey] of this.sums) {
      const [dimension, year] = group.split('\t') as [RollupDimension, string];
      for (const [key, buckets] of byKey) {
        for (const [bucket, orders] of buckets) if (orders === 0) buckets.delete(bucket);
        if (buckets.size === 0) byKey.delete(key);
      }
      emit(out, dimension, 'YEAR', year, byKey);
    }
    return out;
  }

  private bump(dimension: RollupDimension, year: string, key: string, bucket: number, orders: number): void {
    const group = `${dimension}\t${year}`;
    let byKey = this.sums.get(group);
    if (!byKey) this.sums.set(group, (byKey = new Map()));
    bump(byKey, key, bucket, orders);
  }
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
    await clearPeriods(db, 'work_order_medians', periods);
    for (const [dimension, column] of HISTOGRAM_DIMENSIONS) {
      if (periods.grain === 'DAY' && !hasDayRows(dimension)) continue;
      await insertMedians(db, dimension, column, periods);
    }
  }
}

/** One histogram group: a dimension's key over one period. */
export interface HandlingGroup {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
}

/** The columns naming a group (its rows differ by bucket). */
export const GROUP_KEY = ['dimension', 'grain', 'period', 'key'] as const;

/**
 * Derives the medians of just `groups` again from the histogram (after an import changed their
 * buckets): the same statements as refreshHandlingMedians, limited to those groups. A group left
 * without completed orders loses its median.
 */
export async function refreshGroupMedians(db: Kysely<Database>, groups: readonly HandlingGroup[]): Promise<void> {
  const byGrain = new Map<string, HandlingGroup[]>();
  for (const group of groups) {
    const id = `${group.dimension}\t${group.grain}`;
    byGrain.set(id, [...(byGrain.get(id) ?? []), group]);
  }
  for (const [dimension, column] of HISTOGRAM_DIMENSIONS) {
    for (const grain of ['DAY', 'MONTH', 'YEAR'] as const) {
      for (const slice of inSlices(byGrain.get(`${dimension}\t${grain}`) ?? [])) {
        const keys = keysIn(GROUP_KEY, slice.map((g) => GROUP_KEY.map((c) => g[c])));
        await db.deleteFrom('work_order_medians').where(keys).execute();
        const periods = slice.map((g) => g.period).sort();
        const bounds: GrainPeriods = { grain, length: PERIOD_LENGTH[grain], from: periods[0]!, to: periods.at(-1)! };
        await insertMedians(db, dimension, column, bounds, slice);
      }
    }
  }
}

async function insertMedians(
  db: Kysely<Database>,
  dimension: RollupDimension,
  column: KeyColumn | null,
  periods: GrainPeriods,
  /** Only these groups (of `dimension` and `periods.grain`); all when omitted. */
  groups?: readonly HandlingGroup[],
): Promise<void> {
  const half = sql<number>`h.completed / 2`;
  let straddling = db
    .selectFrom('work_order_handling as h')
    .where('h.dimension', '=', dimension)
    .where('h.grain', '=', periods.grain)
    .where(sql<boolean>`h.orders_below <= ${half}`)
    .where(sql<boolean>`h.orders_below + h.orders > ${half}`);
  if (periods.from !== undefined) straddling = straddling.where('h.period', '>=', periods.from).where('h.period', '<=', periods.to!);
  if (groups) straddling = straddling.where(keysIn(GROUP_KEY.map((c) => `h.${c}`), groups.map((g) => GROUP_KEY.map((c) => g[c]))));
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
 * per dimension (by its place in HISTOGRAM_DIMENSIONS), then per key, so adding an order builds no
 * strings.
 */
export class HandlingHistogramBuilder {
  private readonly months = new Map<string, Map<string, Buckets>[]>();
  private readonly days = new Map<string, Map<string, Buckets>>();

  add(order: HistogramOrder): void {
    const minutes = order.handling_minutes;
    if (minutes == null) return;
    const bucket = handlingBucket(minutes);
    const day = order.received_at.slice(0, 10);
    const month = day.slice(0, 7);
    let byDimension = this.months.get(month);
    if (!byDimension) this.months.set(month, (byDimension = HISTOGRAM_DIMENSIONS.map(() => new Map())));
    HISTOGRAM_DIMENSIONS.forEach(([dimension, column], i) => {
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

  /**
   * Every row, once all orders have been added: DAY and MONTH rows, and YEAR rows summed from the
   * MONTH rows unless `years` is false (a refresh that sums some months of a year only).
   */
  rows({ years: withYears = true } = {}): Insertable<WorkOrderHandlingTable>[] {
    const out: Insertable<WorkOrderHandlingTable>[] = [];
    const years = new Map<string, Map<string, Buckets>[]>();
    for (const [month, byDimension] of this.months) {
      const year = month.slice(0, 4);
      let yearly = years.get(year);
      if (!yearly) years.set(year, (yearly = HISTOGRAM_DIMENSIONS.map(() => new Map())));
      byDimension.forEach((byKey, i) => {
        emit(out, HISTOGRAM_DIMENSIONS[i]![0], 'MONTH', month, byKey);
        for (const [key, buckets] of byKey) for (const [bucket, orders] of buckets) bump(yearly[i]!, key, bucket, orders);
      });
    }
    if (withYears) for (const [year, byDimension] of years) byDimension.forEach((byKey, i) => emit(out, HISTOGRAM_DIMENSIONS[i]![0], 'YEAR', year, byKey));
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
