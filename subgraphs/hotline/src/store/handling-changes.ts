/**
 * The handling-time histogram kept in step with replaced orders by difference, as rollup-changes.ts
 * keeps the rollup: each completed order taken out leaves its bucket in every group it counts
 * under (its dimension keys at each grain), each one put in joins it. Only the groups whose
 * buckets changed are rewritten, and only their medians are derived again.
 */
import { sql, type Kysely } from 'kysely';
import { inSlices, keysIn, periodAt, ROLLUP_GRAINS } from '@govgraph/core';
import { handlingBucket, isExactBucket } from './handling-buckets.js';
import { HISTOGRAM_DIMENSIONS, hasDayRows, type HandlingGroup } from './handling-histogram.js';
import type { CountedOrder } from './order-counts.js';
import type { Database } from './schema.js';

const BUCKET_KEY = ['dimension', 'grain', 'period', 'key', 'bucket'] as const;

interface BucketDelta extends HandlingGroup {
  bucket: number;
  orders: number;
}

const groupId = (g: HandlingGroup) => `${g.dimension}\t${g.grain}\t${g.period}\t${g.key}`;
const bucketId = (b: HandlingGroup & { bucket: number }) => `${groupId(b)}\t${b.bucket}`;

/**
 * Per (group, bucket), the net change in orders a batch makes; all of them, those that cancel out
 * included (see staleMedianGroups).
 */
function bucketDeltas(removed: readonly CountedOrder[], added: readonly CountedOrder[]): BucketDelta[] {
  const deltas = new Map<string, BucketDelta>();
  const note = (order: CountedOrder, sign: number) => {
    if (order.handling_minutes == null) return;
    const bucket = handlingBucket(order.handling_minutes);
    for (const [dimension, column] of HISTOGRAM_DIMENSIONS) {
      const key = column ? order[column] : '*';
      if (key == null) continue;
      for (const grain of ROLLUP_GRAINS) {
        if (grain === 'DAY' && !hasDayRows(dimension)) continue;
        const delta: BucketDelta = { dimension, grain, period: periodAt(grain, order.received_at), key, bucket, orders: 0 };
        const id = bucketId(delta);
        const seen = deltas.get(id) ?? (deltas.set(id, delta), delta);
        seen.orders += sign;
      }
    }
  };
  for (const order of removed) note(order, -1);
  for (const order of added) note(order, 1);
  return [...deltas.values()];
}

/**
 * The groups whose stored median may no longer hold: those whose histogram changed, and those
 * where an order moved inside one wide bucket (64–71 minutes, say). The histogram does not see
 * such a move, but the exact median is read from the orders of the bucket that holds it.
 */
function staleMedianGroups(deltas: readonly BucketDelta[]): HandlingGroup[] {
  const groups = new Map<string, HandlingGroup>();
  for (const d of deltas) {
    if (d.orders === 0 && isExactBucket(d.bucket)) continue;
    groups.set(groupId(d), { dimension: d.dimension, grain: d.grain, period: d.period, key: d.key });
  }
  return [...groups.values()];
}

/**
 * Applies the difference between `removed` and `added` (as applyRollupChanges) to
 * work_order_handling. Every row of a changed group changes (its group total, and the running
 * count below it when a lower bucket changed), so each group is rewritten by one UPDATE doing the
 * arithmetic in the database: far cheaper than reading the groups' rows and writing them back, or
 * renumbering them with window functions. In order: buckets left empty are deleted (orders > 0
 * is a CHECK), existing rows updated, new buckets inserted and given their running counts from
 * the rows around them. Returns the groups whose medians are now stale.
 */
export async function applyHandlingChanges(db: Kysely<Database>, removed: readonly CountedOrder[], added: readonly CountedOrder[]): Promise<HandlingGroup[]> {
  const touched = bucketDeltas(removed, added);
  const deltas = touched.filter((d) => d.orders !== 0);
  const emptied: BucketDelta[] = [];
  const created: BucketDelta[] = [];
  for (const slice of inSlices(deltas)) {
    const stored = await db
      .selectFrom('work_order_handling')
      .select([...BUCKET_KEY, 'orders'])
      .where(keysIn(BUCKET_KEY, slice.map((d) => BUCKET_KEY.map((column) => d[column]))))
      .execute();
    const current = new Map(stored.map((row) => [bucketId(row), row.orders]));
    for (const delta of slice) {
      const before = current.get(bucketId(delta));
      const orders = (before ?? 0) + delta.orders;
      if (orders < 0) throw new Error(`handling histogram ${bucketId(delta)} would hold ${orders} orders; it is out of step with the orders`);
      if (orders === 0) emptied.push(delta);
      else if (before === undefined) created.push({ ...delta, orders });
    }
  }
  for (const slice of inSlices(emptied)) {
    await db.deleteFrom('work_order_handling').where(keysIn(BUCKET_KEY, slice.map((d) => BUCKET_KEY.map((column) => d[column])))).execute();
  }
  const byGroup = new Map<string, BucketDelta[]>();
  for (const delta of deltas) byGroup.set(groupId(delta), [...(byGroup.get(groupId(delta)) ?? []), delta]);
  for (const groupDeltas of byGroup.values()) await shiftGroup(db, groupDeltas);
  for (const slice of inSlices(created)) {
    await db.insertInto('work_order_handling').values(slice.map((d) => ({ ...d, orders_below: 0, completed: 0 }))).execute();
  }
  // Only once every new row is in: a group's new buckets may fall in different slices.
  for (const slice of inSlices(created)) await numberNewRows(db, keysIn(BUCKET_KEY, slice.map((d) => BUCKET_KEY.map((column) => d[column]))));
  return staleMedianGroups(touched);
}

const int = (value: number) => sql<number>`cast(${value} as integer)`;

/**
 * One group's existing rows after its bucket changes: each bucket's own count, the running count
 * below it (every change in a lower bucket, present or not) and the group total.
 */
async function shiftGroup(db: Kysely<Database>, deltas: readonly BucketDelta[]): Promise<void> {
  const group = deltas[0]!;
  const total = deltas.reduce((sum, d) => sum + d.orders, 0);
  const own = sql<number>`case bucket ${sql.join(deltas.map((d) => sql`when ${int(d.bucket)} then ${int(d.orders)}`), sql` `)} else 0 end`;
  const below = sql.join(
    deltas.map((d) => sql<number>`case when bucket > ${int(d.bucket)} then ${int(d.orders)} else 0 end`),
    sql` + `,
  );
  await db
    .updateTable('work_order_handling')
    .set({
      orders: sql<number>`orders + ${own}`,
      orders_below: sql<number>`orders_below + ${below}`,
      completed: sql<number>`completed + ${int(total)}`,
    })
    .where('dimension', '=', group.dimension)
    .where('grain', '=', group.grain)
    .where('period', '=', group.period)
    .where('key', '=', group.key)
    .execute();
}

/** The running count and group total of rows just inserted, from their group's rows (already final). */
async function numberNewRows(db: Kysely<Database>, keys: ReturnType<typeof keysIn>): Promise<void> {
  const sameGroup = (o: string) =>
    sql<boolean>`${sql.ref(`${o}.dimension`)} = work_order_handling.dimension and ${sql.ref(`${o}.grain`)} = work_order_handling.grain and ${sql.ref(`${o}.period`)} = work_order_handling.period and ${sql.ref(`${o}.key`)} = work_order_handling.key`;
  await db
    .updateTable('work_order_handling')
    .set({
      orders_below: sql<number>`(select coalesce(sum(b.orders), 0) from work_order_handling as b where ${sameGroup('b')} and b.bucket < work_order_handling.bucket)`,
      completed: sql<number>`(select sum(t.orders) from work_order_handling as t where ${sameGroup('t')})`,
    })
    .where(keys)
    .execute();
}
