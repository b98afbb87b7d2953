/**
 * The hotline platform's work orders as an import resource: each order upserted by its id, the
 * newest upstream version winning, and the statistics' derived data (rollup, handling-time
 * histogram, medians) brought in step in the same transaction by difference: the replaced
 * versions taken out, the written ones put in. The statistics include an import the moment it
 * commits, at a cost that follows the batch, not the months it touches.
 */
import type { Kysely, Transaction } from 'kysely';
import { dayRanges, directory, upsertNewerVersions, type ImportResource, type Rejection, type UpsertCounts } from '@govgraph/core';
import { COUNTED_COLUMNS, type CountedOrder } from '../store/order-counts.js';
import { applyOrderChanges, type OrderChanges } from '../store/order-changes.js';
import { refreshRollup } from '../store/rollup.js';
import type { Database } from '../store/schema.js';
import { workOrderRecord, type WorkOrderRecord } from './work-order-record.js';

/**
 * Orders by id, newest version winning. The stored columns the statistics count by are read
 * with the versions: they are what an update takes out of the rollup and the histogram.
 */
const WORK_ORDERS = { table: 'work_orders', key: ['id'], version: 'updated_at', alsoRead: COUNTED_COLUMNS } as const;

/**
 * What upsert changed, for afterUpsert: the runner hands both the very same array, so the array
 * keys the note between the two calls.
 */
const changesOf = new WeakMap<readonly WorkOrderRecord[], OrderChanges>();

/**
 * Every code an order names must be known: the hotline holds no departments, divisions or items
 * of its own, so they are checked against core's directory (the catalogue's codes).
 */
function referenceProblems(order: WorkOrderRecord): string[] {
  const dir = directory();
  const problems: string[] = [];
  const county = dir.regionByCode.get(order.county_code);
  if (county?.level !== 'COUNTY') problems.push(`unknown county ${order.county_code}`);
  const township = dir.regionByCode.get(order.township_code);
  if (township?.level !== 'TOWNSHIP') problems.push(`unknown township ${order.township_code}`);
  if (order.region_code !== order.township_code) {
    const village = dir.regionByCode.get(order.region_code);
    if (village?.level !== 'VILLAGE') problems.push(`unknown village ${order.region_code}`);
  }
  if (order.department_code !== null && !dir.departmentByCode.has(order.department_code)) {
    problems.push(`unknown department ${order.department_code}`);
  }
  if (order.item_code !== null && !dir.itemByCode.has(order.item_code)) problems.push(`unknown service item ${order.item_code}`);
  return problems;
}

export const workOrders: ImportResource<Database, WorkOrderRecord> = {
  name: 'work-orders',
  restPath: '/api/v1/work-orders',
  pagination: 'cursor',
  schema: workOrderRecord,
  naturalKey: (order) => order.id,
  version: (order) => order.updated_at,

  async checkReferences(_db, orders): Promise<Rejection[]> {
    const rejections: Rejection[] = [];
    orders.forEach((order, index) => {
      const problems = referenceProblems(order);
      if (problems.length > 0) rejections.push({ index, reason: problems.join('; ') });
    });
    return rejections;
  },

  async upsert(trx: Transaction<Database>, orders): Promise<UpsertCounts> {
    const plan = await upsertNewerVersions(trx, WORK_ORDERS, orders);
    changesOf.set(orders, {
      removed: plan.updates.map((order) => plan.stored.get(plan.keyOf(order)) as CountedOrder),
      // Unchanged orders (the same or an older version) are in neither list: they change nothing.
      added: [...plan.inserts, ...plan.updates],
    });
    return plan.counts;
  },

  async afterUpsert(trx, orders): Promise<void> {
    const changes = changesOf.get(orders);
    changesOf.delete(orders);
    if (changes) {
      await applyOrderChanges(trx as Kysely<Database>, changes);
      return;
    }
    // Called without its upsert, so the replaced versions are unknown: the orders' own days are
    // recomputed from the orders instead.
    for (const range of dayRanges(orders.map((order) => order.received_at.slice(0, 10)))) await refreshRollup(trx as Kysely<Database>, range);
  },
};
