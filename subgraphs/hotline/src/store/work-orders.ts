/** Work orders one by one: lookups by id and the newest-first list. */
import type { Kysely } from 'kysely';
import { applyFilter, type OrderFilter } from './filters.js';
import type { CallerRow, WorkOrderRow } from './rows.js';
import type { Database } from './schema.js';

const ORDER_COLUMNS = [
  'id',
  'received_at',
  'channel',
  'category',
  'summary',
  'region_code',
  'county_code',
  'township_code',
  'disposition',
  'department_code',
  'item_code',
  'replied_at',
  'completed_at',
  'handling_minutes',
  'rating',
] as const;

export async function workOrdersByIds(db: Kysely<Database>, ids: readonly string[]): Promise<WorkOrderRow[]> {
  return db.selectFrom('work_orders').select(ORDER_COLUMNS).where('id', 'in', ids).execute();
}

/** The one read of personal data: callers of the given orders, only when a client asks. */
export async function callersByIds(db: Kysely<Database>, ids: readonly string[]): Promise<CallerRow[]> {
  return db.selectFrom('work_orders').select(['id', 'caller_name', 'caller_phone']).where('id', 'in', ids).execute();
}

/** Where a page starts: just after this order, in newest-first order. */
export interface OrderPosition {
  receivedAt: string;
  id: string;
}

/**
 * A page of orders, newest first: by receipt time, then id (which follows receipt order, so for
 * the seeded year this is exactly id order). The position is a keyset seek on the
 * (received_at, id) index, which a date range also uses, so every page costs about the same.
 * Fetches `limit` rows (page size + 1).
 */
export async function workOrderPage(
  db: Kysely<Database>,
  filter: OrderFilter,
  limit: number,
  after?: OrderPosition,
): Promise<WorkOrderRow[]> {
  let query = applyFilter(db.selectFrom('work_orders').select(ORDER_COLUMNS), filter);
  if (after) {
    query = query.where((eb) => eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(after.receivedAt, after.id)));
  }
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function positionKey(order: Pick<WorkOrderRow, 'received_at' | 'id'>): string {
  return `${order.received_at}|${order.id}`;
}

/** The inverse of positionKey, or null when `key` is not one. */
export function parsePosition(key: string): OrderPosition | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})\|(WO\d{11})$/.exec(key);
  return match ? { receivedAt: match[1]!, id: match[2]! } : null;
}
