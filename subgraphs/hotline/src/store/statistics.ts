/**
 * Hotline counts, all in SQL, one statement per statistic however many groups it returns, and the
 * groupings and order sources they share with the medians (medians.ts).
 *
 * Counts come from the rollup (work_order_rollup) whenever the question fits it (a date range
 * with at most one dimension among filter and grouping), else from the orders themselves.
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { directory, rollupSpans, type Granularity } from '@govgraph/core';
import { applyFilter, regionColumn, type OrderFilter } from './filters.js';
import type { HotlineCounts, HotlineDimension } from './rows.js';
import { orderCounts, type Counts } from './order-counts.js';
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
export const WHOLE = sql<string>`'*'`;

export type KeyColumn = 'county_code' | 'township_code' | 'region_code' | 'department_code' | 'category' | 'channel' | 'item_code';

export const DIMENSION_COLUMN: Record<HotlineDimension, KeyColumn> = {
  COUNTY: 'county_code',
  TOWNSHIP: 'township_code',
  DEPARTMENT: 'department_code',
  CATEGORY: 'category',
  CHANNEL: 'channel',
};

/**
 * The coarsest rollup grain a trend's periods can be read from: days need day rows; months and
 * quarters read the same off month rows; years off year rows.
 */
export function coarsestFor(granularity: Granularity): RollupGrain {
  return granularity === 'QUARTER' ? 'MONTH' : granularity;
}

/** The label of a period, as core's `periodOf` writes it, from an ISO instant, day or month column. */
export function periodKey(column: 'received_at' | 'period', granularity: Granularity): RawBuilder<string> {
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

export type OrderSource = SelectQueryBuilder<Database, 'work_orders', KeyedOrder>;

export function keyed(db: Kysely<Database>, key: KeyColumn | RawBuilder<string>): OrderSource {
  const k = typeof key === 'string' ? sql<string>`${sql.ref(key)}` : key;
  return db.selectFrom('work_orders').select([k.as('k'), 'handling_minutes as m', 'disposition', 'rating', 'replied_at']);
}

/**
 * The matching orders with their group key, as branches of one UNION ALL. Only a batch of
 * regions needs several: an order counts for its village, its township, its county and the city,
 * so each level keys the orders by its own column.
 */
export function orderBranches(db: Kysely<Database>, { filter, by }: Grouping, keys?: readonly string[]): OrderSource[] {
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
export function regionLevels(codes: readonly string[]): { column: KeyColumn | null; codes: string[] }[] {
  const byColumn = new Map<KeyColumn | null, string[]>();
  for (const code of codes) {
    if (!directory().regionByCode.has(code)) continue;
    const column = regionColumn(code);
    byColumn.set(column, [...(byColumn.get(column) ?? []), code]);
  }
  return [...byColumn].map(([column, list]) => ({ column, codes: list }));
}

export function unionAll<S extends SelectQueryBuilder<any, any, any>>(branches: readonly S[]): S | null {
  const [first, ...rest] = branches;
  return first ? rest.reduce((union, branch) => union.unionAll(branch) as S, first) : null;
}

// ---------------------------------------------------------------------------------------------
// The rollup side.

type CountRow = Counts & { k: string };

/** What a filter pins down, as rollup (dimension, key) pairs; null when the rollup cannot say. */
export function filterConstraints(filter: OrderFilter): [RollupDimension, string][] | null {
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

function rollupRows(
  db: Kysely<Database>,
  filter: Pick<OrderFilter, 'from' | 'to'>,
  dimension: RollupDimension,
  k: RawBuilder<string>,
  keys: readonly string[] | null,
  coarsest: RollupGrain = 'YEAR',
): CountSource[] {
  if (keys && keys.length === 0) return [];
  return rollupSpans(filter.from, filter.to, coarsest).map((span) => {
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
  return rollupRows(db, filter, dimension, k, restrict, by.kind === 'PERIOD' ? coarsestFor(by.granularity) : 'YEAR');
}

// ---------------------------------------------------------------------------------------------
// The statement.

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
