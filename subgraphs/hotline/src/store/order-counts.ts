import { sql, type Insertable } from 'kysely';
import type { RollupDimension, WorkOrderTable } from './schema.js';

/**
 * The six counts every hotline statistic is made of, as select expressions over work orders.
 * The rollup is built with them and the raw-order fallback counts with them, so both mean the same
 * thing by "completed" or "satisfied". `completed` names the column that is set only for completed
 * orders (the handling time, under whatever alias the query gives it).
 */
export function orderCounts(completed: string) {
  return [
    sql<number>`count(*)`.as('received'),
    sql<number>`sum(case when disposition = 'DIRECT_REPLY' then 1 else 0 end)`.as('direct_replies'),
    sql<number>`count(replied_at)`.as('replied'),
    sql<number>`count(${sql.ref(completed)})`.as('completed'),
    sql<number>`count(rating)`.as('rated'),
    sql<number>`sum(case when rating = 'SATISFIED' then 1 else 0 end)`.as('satisfied'),
  ] as const;
}

/**
 * The columns of an order that the rollup and the handling-time histogram count by: whatever
 * else an update changes (a summary, a caller's phone) leaves the statistics as they are.
 */
export const COUNTED_COLUMNS = [
  'received_at',
  'channel',
  'category',
  'county_code',
  'township_code',
  'department_code',
  'disposition',
  'replied_at',
  'handling_minutes',
  'rating',
] as const;

export type CountedOrder = Pick<Insertable<WorkOrderTable>, (typeof COUNTED_COLUMNS)[number]>;

/** The six counts every statistic is derived from, as the rollup's columns name them. */
export const COUNT_NAMES = ['received', 'direct_replies', 'replied', 'completed', 'rated', 'satisfied'] as const;

export type Counts = Record<(typeof COUNT_NAMES)[number], number>;

/** One order's share of the six counts, term by term as orderCounts counts them in SQL. */
export function countsOfOrder(order: CountedOrder): Counts {
  return {
    received: 1,
    direct_replies: order.disposition === 'DIRECT_REPLY' ? 1 : 0,
    replied: order.replied_at != null ? 1 : 0,
    completed: order.handling_minutes != null ? 1 : 0,
    rated: order.rating != null ? 1 : 0,
    satisfied: order.rating === 'SATISFIED' ? 1 : 0,
  };
}

/**
 * The rollup keys an order counts under, one per dimension: the city, its county and township,
 * its category and channel, and its department when it was dispatched (direct replies have none).
 */
export function rollupKeysOf(order: CountedOrder): [RollupDimension, string][] {
  const keys: [RollupDimension, string][] = [
    ['ALL', '*'],
    ['COUNTY', order.county_code],
    ['TOWNSHIP', order.township_code],
    ['CATEGORY', order.category],
    ['CHANNEL', order.channel],
  ];
  if (order.department_code != null) keys.push(['DEPARTMENT', order.department_code]);
  return keys;
}
