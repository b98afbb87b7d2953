/**
 * The hotline platform's work orders as an import resource: each order upserted by its id, the
 * newest upstream version winning, and the rollup refreshed for every day whose counts changed,
 * in the same transaction, so the statistics include an import the moment it commits.
 */
import type { Kysely, Transaction } from 'kysely';
import { directory, type ImportResource, type Rejection, type UpsertCounts } from '@govgraph/core';
import { refreshRollup } from '../store/rollup.js';
import type { Database } from '../store/schema.js';
import { dayRanges } from './day-ranges.js';
import { workOrderRecord, type WorkOrderRecord } from './work-order-record.js';

/** Rows per upsert statement: 19 columns each stays far below SQLite's parameter limit. */
const WRITE_CHUNK = 1000;

/**
 * Days whose rollup rows a batch changed, noted by upsert for afterUpsert (the runner hands both
 * the same array). An updated order counts on its old day as well as its new one.
 */
const touchedDays = new WeakMap<readonly WorkOrderRecord[], Set<string>>();

const day = (instant: string) => instant.slice(0, 10);

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
    const stored = new Map<string, { updated_at: string | null; received_at: string }>();
    for (let i = 0; i < orders.length; i += WRITE_CHUNK) {
      const ids = orders.slice(i, i + WRITE_CHUNK).map((o) => o.id);
      const rows = await trx.selectFrom('work_orders').select(['id', 'updated_at', 'received_at']).where('id', 'in', ids).execute();
      for (const row of rows) stored.set(row.id, row);
    }
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const days = new Set<string>();
    const changed: WorkOrderRecord[] = [];
    for (const order of orders) {
      const current = stored.get(order.id);
      // Seeded orders have no version: any imported one replaces them.
      if (current && current.updated_at !== null && current.updated_at >= order.updated_at) {
        counts.unchanged++;
        continue;
      }
      if (current) {
        counts.updated++;
        days.add(day(current.received_at));
      } else {
        counts.inserted++;
      }
      days.add(day(order.received_at));
      changed.push(order);
    }
    for (let i = 0; i < changed.length; i += WRITE_CHUNK) {
      await trx
        .insertInto('work_orders')
        .values(changed.slice(i, i + WRITE_CHUNK))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            received_at: eb.ref('excluded.received_at'),
            channel: eb.ref('excluded.channel'),
            category: eb.ref('excluded.category'),
            summary: eb.ref('excluded.summary'),
            region_code: eb.ref('excluded.region_code'),
            county_code: eb.ref('excluded.county_code'),
            township_code: eb.ref('excluded.township_code'),
            disposition: eb.ref('excluded.disposition'),
            department_code: eb.ref('excluded.department_code'),
            item_code: eb.ref('excluded.item_code'),
            replied_at: eb.ref('excluded.replied_at'),
            completed_at: eb.ref('excluded.completed_at'),
            handling_minutes: eb.ref('excluded.handling_minutes'),
            rating: eb.ref('excluded.rating'),
            caller_name: eb.ref('excluded.caller_name'),
            caller_phone: eb.ref('excluded.caller_phone'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    touchedDays.set(orders, days);
    return counts;
  },

  async afterUpsert(trx, orders): Promise<void> {
    const days = touchedDays.get(orders) ?? new Set(orders.map((o) => day(o.received_at)));
    touchedDays.delete(orders);
    for (const range of dayRanges(days)) await refreshRollup(trx as Kysely<Database>, range);
  },
};
