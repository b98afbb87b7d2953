/**
 * The rollup kept in step with replaced orders by difference: each order taken out subtracts its
 * counts from its day, month and year rows under every dimension it counts in, each order put in
 * adds them. A batch of imported orders then rewrites only the few thousand rows its orders count
 * under, instead of recomputing whole periods from the orders (what refreshRollup does). The
 * arithmetic on the table is core's addToRollup, shared with the certificates' rollups.
 */
import { addToRollup, ROLLUP_GRAINS, type RollupChange } from '@govgraph/core';
import type { Kysely } from 'kysely';
import { COUNT_NAMES, countsOfOrder, rollupKeysOf, type CountedOrder } from './order-counts.js';
import type { Database } from './schema.js';

function changesOf(orders: readonly CountedOrder[], sign: 1 | -1): RollupChange[] {
  return orders.flatMap((order) => {
    const one = countsOfOrder(order);
    const counts = COUNT_NAMES.map((name) => sign * one[name]);
    return rollupKeysOf(order).map(([dimension, key]) => ({ day: order.received_at, keys: [dimension, key], counts }));
  });
}

/**
 * Applies the difference between `removed` (the stored versions an import replaced) and `added`
 * (the versions it wrote, and new orders) to work_order_rollup. A row left with no order is
 * deleted, as a recomputation would not produce it; a count falling below zero throws, and the
 * caller's transaction rolls back.
 */
export async function applyRollupChanges(db: Kysely<Database>, removed: readonly CountedOrder[], added: readonly CountedOrder[]): Promise<void> {
  await addToRollup(db, 'work_order_rollup', { keys: ['dimension', 'key'], counts: COUNT_NAMES }, ROLLUP_GRAINS, [
    ...changesOf(removed, -1),
    ...changesOf(added, 1),
  ]);
}
