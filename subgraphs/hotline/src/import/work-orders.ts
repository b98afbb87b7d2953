/**
 * The hotline platform's work orders as an import resource: each order upserted by its id, the
 * newest upstream version winning, and the rollup refreshed for every day whose counts changed,
 * in the same transaction, so the statistics include an import the moment it commits.
 */
import type { Kysely, Transaction } from 'kysely';
import { directory, TouchedDays, upsertNewerVersions, type ImportResource, type Rejection, type UpsertCounts } from '@govgraph/core';
import { refreshRollup } from '../store/rollup.js';
import type { Database } from '../store/schema.js';
import { workOrderRecord, type WorkOrderRecord } from './work-order-record.js';

/** Orders by id, newest version winning; the stored day is read so an update refreshes it too. */
const WORK_ORDERS = { table: 'work_orders', key: ['id'], version: 'updated_at', alsoRead: ['received_at'] } as const;

/** Days whose rollup rows a batch changed, noted by upsert for afterUpsert. */
const touchedDays = new TouchedDays<WorkOrderRecord>();

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
    // An updated order leaves its old day as well as arriving on its new one.
    touchedDays.note(orders, plan.updates.map((order) => plan.stored.get(plan.keyOf(order))!.received_at as string));
    touchedDays.note(orders, [...plan.inserts, ...plan.updates].map((order) => order.received_at));
    return plan.counts;
  },

  async afterUpsert(trx, orders): Promise<void> {
    for (const range of touchedDays.take(orders, (order) => order.received_at)) await refreshRollup(trx as Kysely<Database>, range);
  },
};
