/**
 * The handling-time histogram kept in step with replaced orders by difference, as rollup-changes.ts
 * keeps the rollup: each completed order taken out leaves its bucket in every group it counts
 * under (its dimension keys at each grain), each one put in joins it. Only the groups whose
 * buckets changed are rewritten, and only their medians are derived again.
 */
import { sql, type Kysely } from 'kysely';
import { inSlices, keysIn } from '@govgraph/core';
import { handlingBucket } from './handling-buckets.js';
import { GROUP_KEY, HISTOGRAM_DIMENSIONS, hasDayRows, type HandlingGroup } from './handling-histogram.js';
import type { CountedOrder } from './order-counts.js';
import { PERIOD_LENGTHS } from './rollup-changes.js';
import type { Database } from './schema.js';

const BUCKET_KEY = [...GROUP_KEY, 'bucket'] as const;

interface BucketDelta extends HandlingGroup {
  bucket: number;
  orders: number;
}

const groupId = (g: HandlingGroup) => `${g.dimension}\t${g.grain}\t${g.period}\t${g.key}`;
const bucketId = (b: HandlingGroup & { bucket: number }) => `${groupId(b)}\t${b.bucket}`;

/** Per (group, bucket), the net change in orders a batch makes. */
function bucketDeltas(removed: readonly CountedOrder[], added: readonly CountedOrder[]): BucketDelta[] {
  const deltas = new Map<string, BucketDelta>();
  const note = (order: CountedOrder, sign: number) => {
    if (order.handling_minutes == null) return;
    const bucket = handlingBucket(order.handling_minutes);
    for (const [dimension, column] of HISTOGRAM_DIMENSIONS) {
      const key = column ? order[column] : '*';
      if (key == null) continue;
      for (const [grain, length] of PERIOD_LENGTHS) {
        if (grain === 'DAY' && !hasDayRows(dimension)) continue;
        const delta: BucketDelta = { dimension, grain, period: order.received_at.slice(0, length), key, bucket, orders: 0 };
        const id = bucketId(delta);
        const seen = deltas.get(id) ?? (deltas.set(id, delta), delta);
        seen.orders += sign;
      }
    }
  };
  for (const order of removed) note(order, -1);
  for (const order of added) note(order, 1);
  return [...deltas.values()].filter((d) => d.orders !== 0);
}

/**
 * Applies the difference between `removed` and `added` (as applyRollupChanges) to
 * work_order_handling: the changed buckets' counts first (a bucket left empty is deleted, a new
 * one inserted), then every row of the changed groups gets its running count below and its
 * group total again, by window functions over just those groups. Returns the changed groups,
 * whose medians are now stale.
 */
export async function applyHandlingChanges(db: Kysely<Database>, removed: readonly CountedOrder[], added: readonly CountedOrder[]): Promise<HandlingGroup[]> {
  const deltas = bucketDeltas(removed, added);
  for (const slice of inSlices(deltas)) {
    const stored = await db
      .selectFrom('work_order_handling')
      .select([...BUCKET_KEY, 'orders'])
      .where(keysIn(BUCKET_KEY, slice.map((d) => BUCKET_KEY.map((column) => d[column]))))
      .execute();
    const current = new Map(stored.map((row) => [bucketId(row), row.orders]));
    const emptied: BucketDelta[] = [];
    const written: BucketDelta[] = [];
    for (const delta of slice) {
      const orders = (current.get(bucketId(delta)) ?? 0) + delta.orders;
      if (orders < 0) throw new Error(`handling histogram ${bucketId(delta)} would hold ${orders} orders; it is out of step with the orders`);
      (orders === 0 ? emptied : written).push({ ...delta, orders });
    }
    if (emptied.length > 0) await db.deleteFrom('work_order_handling').where(keysIn(BUCKET_KEY, emptied.map((d) => BUCKET_KEY.map((column) => d[column])))).execute();
    if (written.length > 0) {
      // The running counts of a new row are filled in below, with the rest of its group's.
      await db
        .insertInto('work_order_handling')
        .values(written.map((d) => ({ ...d, orders_below: 0, completed: 0 })))
        .onConflict((oc) => oc.columns(BUCKET_KEY).doUpdateSet((eb) => ({ orders: eb.ref('excluded.orders') })))
        .execute();
    }
  }
  const groups = [...new Map(deltas.map((d) => [groupId(d), { dimension: d.dimension, grain: d.grain, period: d.period, key: d.key }])).values()];
  for (const slice of inSlices(groups)) await renumberGroups(db, slice);
  return groups;
}

/** Sets orders_below and completed of every row of `groups` from their buckets' counts. */
async function renumberGroups(db: Kysely<Database>, groups: readonly HandlingGroup[]): Promise<void> {
  const partition = sql`partition by dimension, grain, period, key`;
  const running = db
    .selectFrom('work_order_handling')
    .select([
      ...BUCKET_KEY,
      sql<number>`sum(orders) over (${partition} order by bucket) - orders`.as('below'),
      sql<number>`sum(orders) over (${partition})`.as('total'),
    ])
    .where(keysIn(GROUP_KEY, groups.map((g) => GROUP_KEY.map((column) => g[column]))));
  let update = db
    .updateTable('work_order_handling')
    .from(running.as('r'))
    .set((eb) => ({ orders_below: eb.ref('r.below'), completed: eb.ref('r.total') }));
  for (const column of BUCKET_KEY) update = update.whereRef(`work_order_handling.${column}`, '=', `r.${column}`);
  // Rows whose numbers stay (below an order that moved within its group) are not rewritten.
  await update.where((eb) => eb.or([eb('orders_below', '!=', eb.ref('r.below')), eb('completed', '!=', eb.ref('r.total'))])).execute();
}
