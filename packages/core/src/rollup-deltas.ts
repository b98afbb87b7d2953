/**
 * Keeping a rollup in step by difference: when a writer changes what some days count (an import
 * replacing a day's count), the rollup rows of those days' periods move by the difference, new
 * minus old, instead of being summed again from the rows underneath. The cost is a few rows per
 * changed day, whatever the size of the periods around it.
 *
 * The table is laid out as rollup-refresh.ts describes (`grain`, `period` in the grain's own
 * form, key columns, count columns, a unique key over grain, period and the key columns). Like a
 * recompute it keeps no row whose counts are all 0, so the two always hold the same rows.
 */
import { sql, type Kysely } from 'kysely';
import { inSlices, keysIn } from './import/versioned-upsert.js';
import type { RollupGrain } from './rollup-spans.js';

/** One day's change for one key: `keys` and `counts` in the order of the table's columns. */
export interface RollupChange {
  /** An ISO day (or an instant whose first ten characters are the day). */
  day: string;
  keys: readonly string[];
  counts: readonly number[];
}

export interface RollupColumns {
  keys: readonly string[];
  counts: readonly string[];
}

const PERIOD_LENGTH: Record<RollupGrain, number> = { DAY: 10, MONTH: 7, YEAR: 4 };

/** Rows per statement: well within both databases' bound-parameter limits. */
const ROWS_PER_STATEMENT = 500;

interface RollupRow {
  grain: RollupGrain;
  period: string;
  keys: readonly string[];
  counts: number[];
}

/**
 * The changes summed per row of each grain: PostgreSQL refuses an upsert that touches one row
 * twice, and a batch often changes several days of one month. Rows whose changes cancel out are
 * left out.
 */
function rowsToChange(grains: readonly RollupGrain[], changes: readonly RollupChange[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const change of changes) {
    for (const grain of grains) {
      const period = change.day.slice(0, PERIOD_LENGTH[grain]);
      const id = JSON.stringify([grain, period, change.keys]);
      const row = rows.get(id);
      if (row) change.counts.forEach((count, i) => (row.counts[i]! += count));
      else rows.set(id, { grain, period, keys: change.keys, counts: [...change.counts] });
    }
  }
  return [...rows.values()].filter((row) => row.counts.some((count) => count !== 0));
}

/**
 * Adds `changes` to the rows of `grains` in `table`, creating rows it lacks and dropping rows that
 * reach 0. A row a change lowers already holds at least what it loses, so lowering is an update:
 * an upsert would first propose the negative difference as a new row, which a `>= 0` check on the
 * counts refuses.
 */
export async function addToRollup(
  db: Kysely<any>,
  table: string,
  columns: RollupColumns,
  grains: readonly RollupGrain[],
  changes: readonly RollupChange[],
): Promise<void> {
  const keyColumns = ['grain', 'period', ...columns.keys];
  const rows = rowsToChange(grains, changes);
  const raised = rows.filter((row) => row.counts.every((count) => count >= 0));
  const lowered = rows.filter((row) => row.counts.some((count) => count < 0));
  const plus = (count: string, value: unknown) => sql`${sql.ref(`${table}.${count}`)} + ${value}`;

  for (const slice of inSlices(raised, ROWS_PER_STATEMENT)) {
    const values = slice.map((row) => ({
      grain: row.grain,
      period: row.period,
      ...Object.fromEntries(columns.keys.map((key, i) => [key, row.keys[i]])),
      ...Object.fromEntries(columns.counts.map((count, i) => [count, row.counts[i]])),
    }));
    await db
      .insertInto(table)
      .values(values)
      .onConflict((oc) =>
        oc.columns(keyColumns).doUpdateSet(Object.fromEntries(columns.counts.map((count) => [count, plus(count, sql.ref(`excluded.${count}`))]))),
      )
      .execute();
  }
  for (const row of lowered) {
    let update = db
      .updateTable(table)
      .set(Object.fromEntries(columns.counts.map((count, i) => [count, plus(count, row.counts[i])])))
      .where('grain', '=', row.grain)
      .where('period', '=', row.period);
    columns.keys.forEach((key, i) => (update = update.where(key, '=', row.keys[i])));
    await update.execute();
  }
  // A row a change brought to nothing goes, as a recompute would not write it.
  for (const slice of inSlices(lowered, ROWS_PER_STATEMENT)) {
    let emptied = db.deleteFrom(table).where(keysIn(keyColumns, slice.map((row) => [row.grain, row.period, ...row.keys])));
    for (const count of columns.counts) emptied = emptied.where(count, '=', 0);
    await emptied.execute();
  }
}
