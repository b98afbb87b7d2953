/**
 * Which work orders a query is about. One place turns the GraphQL filter into checked values and
 * the checked values into WHERE conditions, so the list, its totalCount and every statistic
 * agree on what "these orders" means.
 */
import type { SelectQueryBuilder } from 'kysely';
import {
  assertDateRange,
  assertDepartmentCode,
  assertItemCode,
  assertRegionCode,
  dayAfter,
  directory,
} from '@govgraph/core';
import type { HotlineFilter } from '../__generated__/resolvers-types.js';
import type { Database, WorkOrderCategory, WorkOrderChannel } from './schema.js';

export interface OrderFilter {
  from: string;
  to: string;
  regionCode?: string | null;
  departmentCode?: string | null;
  category?: WorkOrderCategory | null;
  channel?: WorkOrderChannel | null;
  itemCode?: string | null;
}

/** Validates a filter argument: a real, ordered day range and codes the directory knows. */
export function checkFilter(input: HotlineFilter): OrderFilter {
  const { from, to } = assertDateRange(input.from, input.to);
  return {
    from,
    to,
    regionCode: input.regionCode == null ? null : assertRegionCode(input.regionCode),
    departmentCode: input.departmentCode == null ? null : assertDepartmentCode(input.departmentCode),
    category: input.category ?? null,
    channel: input.channel ?? null,
    itemCode: input.itemCode == null ? null : assertItemCode(input.itemCode),
  };
}

export type RegionColumn = 'county_code' | 'township_code' | 'region_code';

/**
 * The column holding a division's code on the orders in it or below it; null for the city, which
 * holds every order. Orders carry their county and township codes for exactly this.
 */
export function regionColumn(code: string): RegionColumn | null {
  const level = directory().regionByCode.get(code)?.level;
  switch (level) {
    case 'CITY':
      return null;
    case 'COUNTY':
      return 'county_code';
    case 'TOWNSHIP':
      return 'township_code';
    default:
      return 'region_code';
  }
}

/** The first code after every code that starts with `code`: `440802` → `440803`. */
export function nextCode(code: string): string {
  return String(BigInt(code) + 1n).padStart(code.length, '0');
}

/** Orders received on the days from..to (instants compare as text: all carry `+08:00`). */
export function receivedWithin<O>(
  query: SelectQueryBuilder<Database, 'work_orders', O>,
  from: string,
  to: string,
): SelectQueryBuilder<Database, 'work_orders', O> {
  return query.where('received_at', '>=', from).where('received_at', '<', dayAfter(to));
}

export function applyFilter<O>(
  query: SelectQueryBuilder<Database, 'work_orders', O>,
  filter: OrderFilter,
): SelectQueryBuilder<Database, 'work_orders', O> {
  let q = receivedWithin(query, filter.from, filter.to);
  if (filter.regionCode && regionColumn(filter.regionCode) !== null) {
    // A division's code prefixes every code below it, so "in it or below it" is one range of
    // region_code, the same for a county, a township or a village. Codes are all digits, which
    // every collation orders alike.
    q = q.where('region_code', '>=', filter.regionCode).where('region_code', '<', nextCode(filter.regionCode));
  }
  if (filter.departmentCode) q = q.where('department_code', '=', filter.departmentCode);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  if (filter.itemCode) q = q.where('item_code', '=', filter.itemCode);
  return q;
}
