/**
 * Hotline aggregates, all in SQL, one statement per statistic however many groups it returns.
 *
 * Counts come from the rollup (work_order_rollup) whenever the question fits it (a date range
 * with at most one dimension among filter and grouping), else from the orders themselves. The
 * median handling time cannot be summed from rollup rows, so it always comes from the orders, in
 * a statement of its own that runs only when a client selects the median.
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { dayAfter, directory, type Granularity } from '@govgraph/core';
import { applyFilter, regionColumn, type OrderFilter } from './filters.js';
import type { HotlineCounts, HotlineDimension } from './rows.js';
import { orderCounts } from './order-counts.js';
import type { Database, Disposition, Rating, RollupDimension, RollupGrain } from './schema.js';

/** How orders are grouped. Entity batches group by their own codes (the loader's keys). */
export type GroupBy =
  | { kind: 'WHOLE' }
  | { kind: 'PERIOD'; granularity: Granularity }
  | { kind: 'DIMENSION'; dimension: HotlineDimension }
  | { kind: 'ITEM' }
  | { kind: 'REGION' };

/** A statistic's question: which orders, grouped how. Plain data, so it can key a loader. */
export interface Grouping {
  filter: OrderFilter;
  by: GroupBy;
}

export const WHOLE_KEY = '*';
const WHOLE = sql<string>`'*'`;

type KeyColumn = 'county_code' | 'township_code' | 'region_code' | 'department_code' | 'category' | 'channel' | 'item_code';

const DIMENSION_COLUMN: Record<HotlineDimension, KeyColumn> = {
  COUNTY: 'county_code',
  TOWNSHIP: 'township_code',
  DEPARTMENT: 'department_code',
  CATEGORY: 'category',
  CHANNEL: 'channel',
};

/** The label of a period, as core's `periodOf` writes it, from an ISO instant, day or month column. */
function periodKey(column: 'received_at' | 'period', granularity: Granularity): RawBuilder<string> {
  const c = sql.ref(column);
  switch (granularity) {
    case 'DAY':
      return sql<string>`substr(${c}, 1, 10)`;
    case 'MONTH':
      return sql<string>`substr(${c}, 1, 7)`;
    case 'QUARTER':
      return sql<string>`substr(${c}, 1, 4) || '-Q' || cast((cast(substr(${c}, 6, 2) as integer) + 2) / 3 as text)`;
    case 'YEAR':
      return sql<string>`substr(${c}, 1, 4)`;
  }
}

// ---------------------------------------------------------------------------------------------
// Orders, keyed: the raw side of every statistic.

interface KeyedOrder {
  k: string;
  m: number | null;
  disposition: Disposition;
  rating: Rating | null;
  replied_at: string | null;
}

type OrderSource = SelectQueryBuilder<Database, 'work_orders', KeyedOrder>;

function keyed(db: Kysely<Database>, key: KeyColumn | RawBuilder<string>): OrderSource {
  const k = typeof key === 'string' ? sql<string>`${sql.ref(key)}` : key;
  return db.selectFrom('work_orders').select([k.as('k'), 'handling_minutes as m', 'disposition', 'rating', 'replied_at']);
}

/**
 * The matching orders with their group key, as branches of one UNION ALL. Only a batch of
 * regions needs several: an order counts for its village, its township, its county and the city,
 * so each level keys the orders by its own column.
 */
function orderBranches(db: Kysely<Database>, { filter, by }: Grouping, keys?: readonly string[]): OrderSource[] {
  switch (by.kind) {
    case 'WHOLE':
      return [applyFilter(keyed(db, WHOLE), filter)];
    case 'PERIOD':
      return [applyFilter(keyed(db, periodKey('received_at', by.granularity)), filter)];
    case 'DIMENSION': {
      const column = DIMENSION_COLUMN[by.dimension];
      let source = applyFilter(keyed(db, column), filter);
      // Direct replies have no department: they are no group of a department breakdown.
      if (by.dimension === 'DEPARTMENT') source = source.where('department_code', 'is not', null);
      return [keys ? source.where(column, 'in', keys) : source];
    }
    case 'ITEM':
      return keys?.length ? [applyFilter(keyed(db, 'item_code'), filter).where('item_code', 'in', keys)] : [];
    case 'REGION':
      return regionLevels(keys ?? []).map(({ column, codes }) =>
        column === null
          ? applyFilter(keyed(db, sql<string>`cast(${codes[0]!} as text)`), filter)
          : applyFilter(keyed(db, column), filter).where(column, 'in', codes),
      );
  }
}

/** Known region codes by the column that holds them on orders (null: the city, all orders). */
function regionLevels(codes: readonly string[]): { column: KeyColumn | null; codes: string[] }[] {
  const byColumn = new Map<KeyColumn | null, string[]>();
  for (const code of codes) {
    if (!directory().regionByCode.has(code)) continue;
    const column = regionColumn(code);
    byColumn.set(column, [...(byColumn.get(column) ?? []), code]);
  }
  return [...byColumn].map(([column, list]) => ({ column, codes: list }));
}

function unionAll(branches: OrderSource[]): OrderSource | null {
  const [first, ...rest] = branches;
  return first ? rest.reduce((union, branch) => union.unionAll(branch), first) : null;
}

// ---------------------------------------------------------------------------------------------
// The rollup side.

interface CountRow {
  k: string;
  received: number;
  direct_replies: number;
  replied: number;
  completed: number;
  rated: number;
  satisfied: number;
}

/** What a filter pins down, as rollup (dimension, key) pairs; null when the rollup cannot say. */
function filterConstraints(filter: OrderFilter): [RollupDimension, string][] | null {
  if (filter.itemCode) return null;
  const pinned: [RollupDimension, string][] = [];
  if (filter.regionCode) {
    const column = regionColumn(filter.regionCode);
    if (column === 'region_code') return null;
    if (column === 'county_code') pinned.push(['COUNTY', filter.regionCode]);
    if (column === 'township_code') pinned.push(['TOWNSHIP', filter.regionCode]);
  }
  if (filter.departmentCode) pinned.push(['DEPARTMENT', filter.departmentCode]);
  if (filter.category) pinned.push(['CATEGORY', filter.category]);
  if (filter.channel) pinned.push(['CHANNEL', filter.channel]);
  return pinned;
}

// Rows of per-group counts, from the rollup or from counting orders: the branches of one sum.
// They select from different tables (and derived tables), hence no one table type for them.
type CountSource = SelectQueryBuilder<Database, any, CountRow>;

interface RollupSpan {
  grain: RollupGrain;
  /** Periods in the grain's own form: days `2021-03-05`, months `2021-03`. */
  from: string;
  to: string;
}

function lastDayOfMonth(month: string): string {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return last.toISOString().slice(0, 10);
}

/**
 * A day range as rollup spans: its whole months from MONTH rows, the days before the first and
 * after the last whole month from DAY rows. A year is 12 rows per key instead of 365.
 */
export function rollupSpans(from: string, to: string, daysOnly = false): RollupSpan[] {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : dayAfter(lastDayOfMonth(from.slice(0, 7))).slice(0, 7);
  const lastMonth = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : priorMonth(to.slice(0, 7));
  if (daysOnly || firstMonth > lastMonth) return [{ grain: 'DAY', from, to }];
  const spans: RollupSpan[] = [{ grain: 'MONTH', from: firstMonth, to: lastMonth }];
  if (from < `${firstMonth}-01`) spans.push({ grain: 'DAY', from, to: dayBefore(`${firstMonth}-01`) });
  const lastDay = lastDayOfMonth(lastMonth);
  if (to > lastDay) spans.push({ grain: 'DAY', from: dayAfter(lastDay), to });
  return spans;
}

function priorMonth(month: string): string {
  return dayBefore(`${month}-01`).slice(0, 7);
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function rollupRows(
  db: Kysely<Database>,
  filter: Pick<OrderFilter, 'from' | 'to'>,
  dimension: RollupDimension,
  k: RawBuilder<string>,
  keys: readonly string[] | null,
  daysOnly = false,
): CountSource[] {
  if (keys && keys.length === 0) return [];
  return rollupSpans(filter.from, filter.to, daysOnly).map((span) => {
    let rows = db
      .selectFrom('work_order_rollup')
      .select([k.as('k'), 'received', 'direct_replies', 'replied', 'completed', 'rated', 'satisfied'])
      .where('dimension', '=', dimension)
      .where('grain', '=', span.grain)
      .where('period', '>=', span.from)
      .where('period', '<=', span.to);
    if (keys) rows = rows.where('key', 'in', keys);
    return rows;
  });
}

/** Counting the orders of one branch: per group, or into a single row for the whole set. */
function countedOrders(db: Kysely<Database>, orders: OrderSource, whole: boolean): CountSource {
  return db
    .selectFrom(orders.as('o'))
    .select([
      whole ? WHOLE.as('k') : 'k',
      ...orderCounts('m'),
    ])
    .$if(!whole, (q) => q.groupBy('k'));
}

/**
 * Where a grouping's counts come from. The rollup answers a date range with at most one
 * dimension among filter and grouping; an item, a village or two dimensions at once (a county
 * filter with a category breakdown, say) need the orders. A batch of regions mixes both: its
 * villages are counted from the orders, every other level read from the rollup.
 */
function countBranches(db: Kysely<Database>, grouping: Grouping, keys: readonly string[] | undefined, fromOrders: boolean): CountSource[] {
  const { filter, by } = grouping;
  const whole = by.kind === 'WHOLE';
  const ordersOnly = (): CountSource[] => {
    const orders = unionAll(orderBranches(db, grouping, keys));
    return orders ? [countedOrders(db, orders, whole)] : [];
  };
  const pinned = filterConstraints(filter);
  if (fromOrders || pinned === null || by.kind === 'ITEM') return ordersOnly();
  if (by.kind === 'REGION') {
    if (pinned.length > 0) return ordersOnly();
    return regionLevels(keys ?? []).flatMap(({ column, codes }) => {
      switch (column) {
        case null:
          return rollupRows(db, filter, 'ALL', sql<string>`cast(${codes[0]!} as text)`, null);
        case 'county_code':
          return rollupRows(db, filter, 'COUNTY', sql<string>`key`, codes);
        case 'township_code':
          return rollupRows(db, filter, 'TOWNSHIP', sql<string>`key`, codes);
        default:
          return [countedOrders(db, applyFilter(keyed(db, 'region_code'), filter).where('region_code', 'in', codes), false)];
      }
    });
  }
  const grouped: RollupDimension | null = by.kind === 'DIMENSION' ? by.dimension : null;
  const dimensions = new Set([...pinned.map(([d]) => d), ...(grouped ? [grouped] : [])]);
  if (dimensions.size > 1) return ordersOnly();
  const dimension = [...dimensions][0] ?? 'ALL';
  const pinnedKey = pinned[0]?.[1];
  const restrict = pinnedKey !== undefined ? [pinnedKey].filter((p) => !keys || keys.includes(p)) : (keys ?? null);
  const k = whole ? WHOLE : by.kind === 'PERIOD' ? periodKey('period', by.granularity) : sql<string>`key`;
  // A DAY trend needs day rows; month, quarter and year labels read the same off month rows.
  const daysOnly = by.kind === 'PERIOD' && by.granularity === 'DAY';
  return rollupRows(db, filter, dimension, k, restrict, daysOnly);
}

// ---------------------------------------------------------------------------------------------
// The two statements.

/**
 * Counts per group; groups without orders are absent. `keys` restricts entity batches.
 * `fromOrders` skips the rollup (tests use it to prove both give the same answer).
 */
export async function countsOf(
  db: Kysely<Database>,
  grouping: Grouping,
  keys?: readonly string[],
  { fromOrders = false } = {},
): Promise<Map<string, HotlineCounts>> {
  const [first, ...rest] = countBranches(db, grouping, keys, fromOrders);
  if (!first) return new Map();
  const whole = grouping.by.kind === 'WHOLE';
  const rows = await db
    .selectFrom(rest.reduce((union, branch) => union.unionAll(branch), first).as('c'))
    .select([
      whole ? WHOLE.as('k') : 'k',
      sql<number>`sum(received)`.as('received'),
      sql<number>`sum(direct_replies)`.as('direct_replies'),
      sql<number>`sum(replied)`.as('replied'),
      sql<number>`sum(completed)`.as('completed'),
      sql<number>`sum(rated)`.as('rated'),
      sql<number>`sum(satisfied)`.as('satisfied'),
    ])
    .$if(!whole, (q) => q.groupBy('k'))
    .execute();
  const counts = new Map<string, HotlineCounts>();
  for (const r of rows) {
    // Summing no rows still gives one (null) row for the whole set; a group needs an order.
    const received = Number(r.received ?? 0);
    if (received === 0) continue;
    const directReplies = Number(r.direct_replies);
    counts.set(String(r.k), {
      received,
      directReplies,
      dispatched: received - directReplies,
      replied: Number(r.replied),
      completed: Number(r.completed),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
    });
  }
  return counts;
}

/**
 * The median handling minutes per group, over completed orders: counted per (group, minutes)
 * bucket, then read off a running total as the value at 0-based position floor(n / 2) of the
 * sorted minutes (the upper median for even n; `2 · running > n` avoids division). One pass, no
 * per-group query, no rows in JavaScript.
 */
export async function mediansOf(
  db: Kysely<Database>,
  grouping: Grouping,
  keys?: readonly string[],
): Promise<Map<string, number>> {
  const orders = unionAll(orderBranches(db, grouping, keys).map((b) => b.where('handling_minutes', 'is not', null)));
  if (!orders) return new Map();
  // Bucketing the whole set by minutes alone lets the planner stream the buckets out of the
  // index ordered by handling_minutes instead of sorting every order.
  const whole = grouping.by.kind === 'WHOLE';
  const rows = await db
    .with('orders', () => orders)
    .with('buckets', (qb) =>
      qb
        .selectFrom('orders')
        .select([(whole ? WHOLE : sql<string>`k`).as('k'), 'm', sql<number>`count(*)`.as('n')])
        .groupBy(whole ? ['m'] : ['k', 'm']),
    )
    .with('ranked', (qb) =>
      qb
        .selectFrom('buckets')
        .select([
          'k',
          'm',
          sql<number>`sum(n) over (partition by k order by m)`.as('running'),
          sql<number>`sum(n) over (partition by k)`.as('total'),
        ]),
    )
    .selectFrom('ranked')
    .select(['k', sql<number>`min(case when 2 * running > total then m end)`.as('median')])
    .groupBy('k')
    .execute();
  return new Map(rows.filter((r) => r.median != null).map((r) => [String(r.k), Number(r.median)]));
}
