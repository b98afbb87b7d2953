import { sql } from 'kysely';

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
