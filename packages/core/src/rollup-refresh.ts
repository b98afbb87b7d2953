/**
 * Keeping a rollup in step with the rows it sums, for any rollup table laid out the way this
 * project's are: a `grain` column (DAY, MONTH, YEAR), a `period` column in the grain's own form
 * (`2021-03-05`, `2021-03`, `2021`), key columns and count columns. Whatever writes rows (a seed,
 * an importer) recomputes the days it touched from its rows, then their months from the days and
 * their years from the months, here.
 */
import { sql, type Kysely } from 'kysely';
import type { DateRange } from './dates.js';
import { monthsAround, PERIOD_LENGTH, yearsAround, type RollupGrain } from './rollup-spans.js';

/** The periods of one grain that a refresh of some days recomputes; all of them when unbounded. */
export interface GrainPeriods {
  grain: RollupGrain;
  /** How many leading characters of an ISO day or instant make the period (`2021-03` is 7). */
  length: 10 | 7 | 4;
  /** Bounds in the grain's own form; absent when every period is recomputed. */
  from?: string;
  to?: string;
}

/** The days of `range`, their whole months and their whole years (everything when omitted). */
export function periodsAround(range?: DateRange): [GrainPeriods, GrainPeriods, GrainPeriods] {
  const months = range && monthsAround(range);
  const years = range && yearsAround(range);
  return [
    { grain: 'DAY', length: PERIOD_LENGTH.DAY, ...(range ? { from: range.from, to: range.to } : {}) },
    { grain: 'MONTH', length: PERIOD_LENGTH.MONTH, ...(months ? { from: months.from.slice(0, 7), to: months.to.slice(0, 7) } : {}) },
    { grain: 'YEAR', length: PERIOD_LENGTH.YEAR, ...(years ? { from: years.from.slice(0, 4), to: years.to.slice(0, 4) } : {}) },
  ];
}

/** Deletes a table's rows of those periods. */
export async function clearPeriods(db: Kysely<any>, table: string, periods: GrainPeriods): Promise<void> {
  let rows = db.deleteFrom(table).where('grain', '=', periods.grain);
  if (periods.from !== undefined) rows = rows.where('period', '>=', periods.from).where('period', '<=', periods.to!);
  await rows.execute();
}

/**
 * Inserts the rows of `target`'s periods summed from the next finer grain's rows (months from
 * days, years from months), key by key: a few thousand rollup rows read instead of the rows they
 * sum, and the same totals by construction.
 */
export async function sumFinerGrain(
  db: Kysely<any>,
  table: string,
  columns: { keys: readonly string[]; counts: readonly string[] },
  target: Omit<GrainPeriods, 'length'> & { grain: 'MONTH' | 'YEAR' },
): Promise<void> {
  const finer = target.grain === 'MONTH' ? 'DAY' : 'MONTH';
  const period = sql<string>`substr(period, 1, ${sql.lit(PERIOD_LENGTH[target.grain])})`;
  let rows = db
    .selectFrom(table)
    .select([
      sql<string>`cast(${target.grain} as text)`.as('grain'),
      period.as('period'),
      ...columns.keys.map((key) => sql.ref(key).as(key)),
      ...columns.counts.map((count) => sql<number>`sum(${sql.ref(count)})`.as(count)),
    ])
    .where('grain', '=', finer)
    .groupBy([period, ...columns.keys.map((key) => sql.ref(key))]);
  // The finer rows of the target's periods: `2021-01`..`2021-12` for the year 2021.
  if (target.from !== undefined) {
    const pad = finer === 'DAY' ? ['-01', '-31'] : ['-01', '-12'];
    rows = rows.where('period', '>=', `${target.from}${pad[0]}`).where('period', '<=', `${target.to}${pad[1]}`);
  }
  await db
    .insertInto(table)
    .columns(['grain', 'period', ...columns.keys, ...columns.counts])
    .expression(rows)
    .execute();
}
