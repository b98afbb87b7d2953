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
import { periodAt, type RollupGrain } from './rollup-spans.js';

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
      const period = periodAt(grain, change.day);
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
 * reach 0. Per slice of rows: one read of their current counts, one delete of the emptied ones,
 * one upsert of the rest with their new counts, whatever mix of raised and lowered rows a batch
 * brings. A count that would fall below zero means the rollup was out of step with the rows under
 * it: that throws, and the caller's transaction rolls back rather than store a wrong figure.
 */
export async function addToRollup(
  db: Kysely<any>,
  table: string,
  columns: RollupColumns,
  grains: readonly RollupGrain[],
  changes: readonly RollupChange[],
): Promise<void> {
  const keyColumns = ['grain', 'period', ...columns.keys];
  const rowKey = (values: readonly unknown[]) => JSON.stringify(values);
  const keyOf = (row: RollupRow) => [row.grain, row.period, ...row.keys];

  for (const slice of inSlices(rowsToChange(grains, changes), ROWS_PER_STATEMENT)) {
    const stored: Record<string, unknown>[] = await db
      .selectFrom(table)
      .select([...keyColumns, ...columns.counts])
      .where(keysIn(keyColumns, slice.map(keyOf)))
      .execute();
    const current = new Map(stored.map((row) => [rowKey(keyColumns.map((column) => row[column])), row]));
    const written: Record<string, unknown>[] = [];
    const emptied: RollupRow[] = [];
    for (const change of slice) {
      const before = current.get(rowKey(keyOf(change)));
      const after = columns.counts.map((count, i) => Number(before?.[count] ?? 0) + change.counts[i]!);
      const negative = after.findIndex((count) => count < 0);
      if (negative >= 0) {
        throw new Error(
          `${table} ${rowKey(keyOf(change))}: ${columns.counts[negative]} would fall to ${after[negative]}; the rollup is out of step with the rows under it`,
        );
      }
      if (after.every((count) => count === 0)) emptied.push(change);
      else {
        written.push({
          grain: change.grain,
          period: change.period,
          ...Object.fromEntries(columns.keys.map((key, i) => [key, change.keys[i]])),
          ...Object.fromEntries(columns.counts.map((count, i) => [count, after[i]])),
        });
      }
    }
    // A row a change brought to nothing goes, as a recompute would not write it.
    if (emptied.length > 0) await db.deleteFrom(table).where(keysIn(keyColumns, emptied.map(keyOf))).execute();
    if (written.length > 0) {
      await db
        .insertInto(table)
        .values(written)
        .onConflict((oc) => oc.columns(keyColumns).doUpdateSet(Object.fromEntries(columns.counts.map((count) => [count, sql.ref(`excluded.${count}`)]))))
        .execute();
    }
  }
}
