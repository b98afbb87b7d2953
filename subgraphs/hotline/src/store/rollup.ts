/**
 * The rollup (work_order_rollup): per day, per month and per year, the counts of each value of
 * each dimension. Day rows are computed from work_orders by SQL, month rows from day rows and year
 * rows from month rows, so the rollup holds exactly what aggregating the orders gives. refreshRollup
 * recomputes periods from the orders (a migration, a full refresh, and the oracle the importer's
 * tests compare with), and the handling-time histogram with them; the importer applies only the
 * difference its orders make (order-changes.ts); the seed, which writes every order itself, sums
 * both as it writes.
 */
import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import { dayAfter, monthsAround, yearsAround } from '@govgraph/core';
import { refreshHandlingHistogram } from './handling-histogram.js';
import { countsOfOrder, orderCounts, rollupKeysOf, type Counts } from './order-counts.js';
import type { Database, RollupDimension, RollupGrain, WorkOrderRollupTable, WorkOrderTable } from './schema.js';

export interface DayRange {
  from: string;
  to: string;
}

const COLUMNS = [
  'dimension',
  'grain',
  'key',
  'period',
  'received',
  'direct_replies',
  'replied',
  'completed',
  'rated',
  'satisfied',
] as const;

const lit = (text: string) => sql<string>`cast(${text} as text)`;

/** One dimension's day rows straight from the orders: a pass over every order of the range. */
async function daysFromOrders(
  db: Kysely<Database>,
  dimension: RollupDimension,
  key: 'township_code' | 'department_code' | 'category' | 'channel',
  range?: DayRange,
): Promise<void> {
  let orders = db
    .selectFrom('work_orders')
    .select([
      lit(dimension).as('dimension'),
      lit('DAY').as('grain'),
      sql<string>`${sql.ref(key)}`.as('key'),
      sql<string>`substr(received_at, 1, 10)`.as('period'),
      ...orderCounts('handling_minutes'),
    ])
    .groupBy([sql`3`, sql`4`]);
  if (range) orders = orders.where('received_at', '>=', range.from).where('received_at', '<', dayAfter(range.to));
  // Direct replies have no department: no row in the department dimension.
  if (key === 'department_code') orders = orders.where('department_code', 'is not', null);
  await db.insertInto('work_order_rollup').columns(COLUMNS).expression(orders).execute();
}

/**
 * Rows summed from other rows: a coarser dimension from a finer one's days (townships →
 * counties → the city), months from days, years from months. A few thousand rows read instead of
 * another pass over every order, and the same sums by construction.
 */
async function summed(
  db: Kysely<Database>,
  target: { dimension: RollupDimension | null; grain: RollupGrain },
  source: { dimension: RollupDimension | null; grain: 'DAY' | 'MONTH'; key: RawBuilder<string>; period: RawBuilder<string> },
  periods: { from: string; to: string } | undefined,
): Promise<void> {
  let rows = db
    .selectFrom('work_order_rollup')
    .select([
      (target.dimension ? lit(target.dimension) : sql<string>`dimension`).as('dimension'),
      lit(target.grain).as('grain'),
      source.key.as('key'),
      source.period.as('period'),
      sql<number>`sum(received)`.as('received'),
      sql<number>`sum(direct_replies)`.as('direct_replies'),
      sql<number>`sum(replied)`.as('replied'),
      sql<number>`sum(completed)`.as('completed'),
      sql<number>`sum(rated)`.as('rated'),
      sql<number>`sum(satisfied)`.as('satisfied'),
    ])
    .where('grain', '=', source.grain)
    .groupBy([sql`1`, sql`3`, sql`4`]);
  if (source.dimension) rows = rows.where('dimension', '=', source.dimension);
  if (periods) rows = rows.where('period', '>=', periods.from).where('period', '<=', periods.to);
  await db.insertInto('work_order_rollup').columns(COLUMNS).expression(rows).execute();
}

/**
 * Recomputes the rollup for the days from..to (every day when omitted), their months and their
 * years, and the handling-time histogram for the same periods.
 */
export async function refreshRollup(db: Kysely<Database>, range?: DayRange): Promise<void> {
  const months = range ? monthsAround(range) : undefined;
  const years = range ? yearsAround(range) : undefined;
  const clear = async (grain: RollupGrain, periods: { from: string; to: string } | undefined) => {
    let rows = db.deleteFrom('work_order_rollup').where('grain', '=', grain);
    if (periods) rows = rows.where('period', '>=', periods.from).where('period', '<=', periods.to);
    await rows.execute();
  };
  await clear('DAY', range);
  await clear('MONTH', months && { from: months.from.slice(0, 7), to: months.to.slice(0, 7) });
  await clear('YEAR', years && { from: years.from.slice(0, 4), to: years.to.slice(0, 4) });

  await daysFromOrders(db, 'TOWNSHIP', 'township_code', range);
  await daysFromOrders(db, 'DEPARTMENT', 'department_code', range);
  await daysFromOrders(db, 'CATEGORY', 'category', range);
  await daysFromOrders(db, 'CHANNEL', 'channel', range);
  const day = sql<string>`period`;
  const any = sql<string>`key`;
  await summed(db, { dimension: 'COUNTY', grain: 'DAY' }, { dimension: 'TOWNSHIP', grain: 'DAY', key: sql<string>`substr(key, 1, 6)`, period: day }, range);
  await summed(db, { dimension: 'ALL', grain: 'DAY' }, { dimension: 'COUNTY', grain: 'DAY', key: lit('*'), period: day }, range);
  await summed(db, { dimension: null, grain: 'MONTH' }, { dimension: null, grain: 'DAY', key: any, period: sql<string>`substr(period, 1, 7)` }, months);
  await summed(
    db,
    { dimension: null, grain: 'YEAR' },
    { dimension: null, grain: 'MONTH', key: any, period: sql<string>`substr(period, 1, 4)` },
    years && { from: years.from.slice(0, 7), to: years.to.slice(0, 7) },
  );
  await refreshHandlingHistogram(db, range);
}

/**
 * The same rollup, summed while the seed writes its orders: the seed knows every order it
 * writes, and summing them as they pass costs far less than re-reading 652,000 orders once per
 * dimension. The sums follow the SQL above term by term (count(replied_at) is "replied_at set",
 * and so on); the seed test refreshes part of the rollup by SQL and checks nothing changes.
 * Orders arrive in receipt order, so a day's (and a month's) counts are complete, and emitted,
 * when the first order of the next one arrives.
 */
export class RollupBuilder {
  private readonly out: Insertable<WorkOrderRollupTable>[] = [];
  private day = new Period('DAY');
  private month = new Period('MONTH');
  private year = new Period('YEAR');

  add(order: Insertable<WorkOrderTable>): void {
    const day = order.received_at.slice(0, 10);
    if (day !== this.day.period) {
      if (day < this.day.period) throw new Error(`orders out of receipt order at ${order.id}`);
      this.day.emitInto(this.out, this.month);
      this.day = new Period('DAY', day);
      if (day.slice(0, 7) !== this.month.period) {
        this.month.emitInto(this.out, this.year);
        this.month = new Period('MONTH', day.slice(0, 7));
        if (day.slice(0, 4) !== this.year.period) {
          this.year.emitInto(this.out);
          this.year = new Period('YEAR', day.slice(0, 4));
        }
      }
    }
    this.day.add(order);
  }

  /** Every row, once all orders have been added. */
  rows(): Insertable<WorkOrderRollupTable>[] {
    this.day.emitInto(this.out, this.month);
    this.month.emitInto(this.out, this.year);
    this.year.emitInto(this.out);
    this.day = new Period('DAY');
    this.month = new Period('MONTH');
    this.year = new Period('YEAR');
    return this.out;
  }
}

/** The counts of one day, month or year, per dimension and key. */
class Period {
  private readonly counts = new Map<RollupDimension, Map<string, Counts>>();

  constructor(
    readonly grain: RollupGrain,
    readonly period = '',
  ) {}

  add(order: Insertable<WorkOrderTable>): void {
    const one = countsOfOrder(order);
    for (const [dimension, key] of rollupKeysOf(order)) this.bump(dimension, key, one);
  }

  /** Appends this period's rows to `out`, and adds its counts to the period enclosing it. */
  emitInto(out: Insertable<WorkOrderRollupTable>[], enclosing?: Period): void {
    for (const [dimension, byKey] of this.counts) {
      for (const [key, counts] of byKey) {
        out.push({ dimension, grain: this.grain, key, period: this.period, ...counts });
        enclosing?.bump(dimension, key, counts);
      }
    }
  }

  private bump(dimension: RollupDimension, key: string, add: Counts): void {
    let byKey = this.counts.get(dimension);
    if (!byKey) this.counts.set(dimension, (byKey = new Map()));
    const c = byKey.get(key);
    if (!c) {
      byKey.set(key, { ...add });
      return;
    }
    c.received += add.received;
    c.direct_replies += add.direct_replies;
    c.replied += add.replied;
    c.completed += add.completed;
    c.rated += add.rated;
    c.satisfied += add.satisfied;
  }
}
