/**
 * Derived data after some orders were written: the rollup, the handling-time histogram and the
 * medians of the groups whose histogram changed, all brought in step by difference. `removed` are
 * the stored versions the write replaced, `added` the versions written (new orders only add).
 * It runs in the caller's transaction, so the orders and everything derived from them commit
 * together. refreshRollup recomputes the same from the orders and is what the tests compare with.
 */
import type { Kysely } from 'kysely';
import { applyHandlingChanges } from './handling-changes.js';
import { refreshGroupMedians } from './handling-histogram.js';
import type { CountedOrder } from './order-counts.js';
import { applyRollupChanges } from './rollup-changes.js';
import type { Database } from './schema.js';

export interface OrderChanges {
  removed: readonly CountedOrder[];
  added: readonly CountedOrder[];
}

export async function applyOrderChanges(db: Kysely<Database>, { removed, added }: OrderChanges): Promise<void> {
  await applyRollupChanges(db, removed, added);
  const changedGroups = await applyHandlingChanges(db, removed, added);
  await refreshGroupMedians(db, changedGroups);
}
