/**
 * The rollup kept in step with replaced orders by difference: each order taken out subtracts its
 * counts from its day, month and year rows, each order put in adds them. A batch of imported
 * orders then rewrites only the few thousand rows its orders count under, instead of
 * recomputing whole periods from the orders (what refreshRollup does).
 */
import type { Insertable, Kysely } from 'kysely';
import { inSlices, keysIn } from '@govgraph/core';
import { COUNT_NAMES, countsOfOrder, rollupKeysOf, type CountedOrder, type Counts } from './order-counts.js';
import type { Database, RollupDimension, RollupGrain, WorkOrderRollupTable } from './schema.js';

/** The rollup's primary key. */
const ROW_KEY = ['dimension', 'grain', 'key', 'period'] as const;

/** How many leading characters of an order's receipt instant make its period at each grain. */
export const PERIOD_LENGTHS: readonly (readonly [RollupGrain, number])[] = [
  ['DAY', 10],
  ['MONTH', 7],
  ['YEAR', 4],
];

type RollupRow = Insertable<WorkOrderRollupTable>;

/** Per rollup row, the net change a batch makes to its counts. */
class RollupDeltas {
  readonly rows = new Map<string, RollupRow>();

  add(order: CountedOrder, sign: 1 | -1): void {
    const one = countsOfOrder(order);
    for (const [dimension, key] of rollupKeysOf(order)) {
      for (const [grain, length] of PERIOD_LENGTHS) this.bump(dimension, grain, key, order.received_at.slice(0, length), one, sign);
    }
  }

  /** The rows whose counts change at all: an update that moved nothing the rollup counts has none. */
  changed(): RollupRow[] {
    return [...this.rows.values()].filter((row) => COUNT_NAMES.some((name) => row[name] !== 0));
  }

  private bump(dimension: RollupDimension, grain: RollupGrain, key: string, period: string, counts: Counts, sign: number): void {
    const id = `${dimension}\t${grain}\t${key}\t${period}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { dimension, grain, key, period, received: 0, direct_replies: 0, replied: 0, completed: 0, rated: 0, satisfied: 0 }));
    for (const name of COUNT_NAMES) row[name] += sign * counts[name];
  }
}

const rowId = (row: Pick<RollupRow, (typeof ROW_KEY)[number]>) => `${row.dimension}\t${row.grain}\t${row.key}\t${row.period}`;

/**
 * Applies the difference between `removed` (the stored versions an import replaced) and `added`
 * (the versions it wrote, and new orders) to work_order_rollup. A row left with no order is
 * deleted, as a recomputation would not produce it. A count falling below zero means the rollup
 * was not in step with the orders; that is an error, and the caller's transaction rolls back.
 */
export async function applyRollupChanges(db: Kysely<Database>, removed: readonly CountedOrder[], added: readonly CountedOrder[]): Promise<void> {
  const deltas = new RollupDeltas();
  for (const order of removed) deltas.add(order, -1);
  for (const order of added) deltas.add(order, 1);
  const changed = deltas.changed();
  for (const slice of inSlices(changed)) {
    const stored = await db
      .selectFrom('work_order_rollup')
      .selectAll()
      .where(keysIn(ROW_KEY, slice.map((row) => ROW_KEY.map((column) => row[column]))))
      .execute();
    const current = new Map(stored.map((row) => [rowId(row), row]));
    const written: RollupRow[] = [];
    const emptied: RollupRow[] = [];
    for (const delta of slice) {
      const before = current.get(rowId(delta));
      const after: RollupRow = { ...delta };
      for (const name of COUNT_NAMES) {
        after[name] = (before?.[name] ?? 0) + delta[name];
        if (after[name] < 0) throw new Error(`rollup ${rowId(delta)}: ${name} would fall to ${after[name]}; it is out of step with the orders`);
      }
      if (after.received === 0 && COUNT_NAMES.some((name) => after[name] !== 0)) {
        throw new Error(`rollup ${rowId(delta)}: counts left without a received order; it is out of step with the orders`);
      }
      if (after.received === 0) emptied.push(after);
      else written.push(after);
    }
    if (emptied.length > 0) await db.deleteFrom('work_order_rollup').where(keysIn(ROW_KEY, emptied.map((row) => ROW_KEY.map((column) => row[column])))).execute();
    if (written.length > 0) {
      await db
        .insertInto('work_order_rollup')
        .values(written)
        .onConflict((oc) => oc.columns(ROW_KEY).doUpdateSet((eb) => Object.fromEntries(COUNT_NAMES.map((name) => [name, eb.ref(`excluded.${name}`)]))))
        .execute();
    }
  }
}
