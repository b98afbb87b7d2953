/**
 * Argument checks for this subgraph's filters, run in the resolvers before any SQL, so a bad
 * argument fails the whole field with BAD_USER_INPUT naming the argument, even when the query
 * itself would run batched inside a DataLoader.
 */
import {
  assertDateRange,
  assertDepartmentCode,
  assertRegionCode,
  badUserInput,
  decodeCursor,
  MAX_SEARCH_LENGTH,
  pageSize,
} from '@govgraph/core';
import type { ApplicationFilter, ServiceItemFilter } from './__generated__/resolvers-types.js';
import { isItemCodeForm } from './item-codes.js';
import type { Loaders } from './loaders.js';
import type { Page } from './store/items.js';

export function checkItemFilter(filter: ServiceItemFilter | null | undefined, argument = 'filter'): ServiceItemFilter {
  const f = filter ?? {};
  if (f.nameContains != null && f.nameContains.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(
      `${argument}.nameContains is at most ${MAX_SEARCH_LENGTH} characters, got ${f.nameContains.length}`,
      `${argument}.nameContains`,
    );
  }
  if (f.departmentCode != null) assertDepartmentCode(f.departmentCode, `${argument}.departmentCode`);
  if (f.regionCode != null) assertRegionCode(f.regionCode, `${argument}.regionCode`);
  return f;
}

/**
 * Item codes are checked against this subgraph's own catalogue, not the shared directory: an
 * imported item is queryable the moment its batch commits. A code that cannot be one is refused
 * without a lookup; the lookup goes through the item loader, so it is batched and cached.
 */
export async function assertKnownItemCode(code: string, loaders: Pick<Loaders, 'serviceItem'>, argument = 'itemCode'): Promise<string> {
  if (!isItemCodeForm(code) || (await loaders.serviceItem.load(code)) === null) {
    throw badUserInput(`${argument}: no service item has the code ${JSON.stringify(code)}`, argument);
  }
  return code;
}

export async function checkApplicationFilter(
  filter: ApplicationFilter,
  loaders: Pick<Loaders, 'serviceItem'>,
  argument = 'filter',
): Promise<ApplicationFilter> {
  assertDateRange(filter.from, filter.to);
  if (filter.departmentCode != null) assertDepartmentCode(filter.departmentCode, `${argument}.departmentCode`);
  if (filter.itemCode != null) await assertKnownItemCode(filter.itemCode, loaders, `${argument}.itemCode`);
  return filter;
}

/** The last day of a year, for "as it stood at the end of the year" figures. */
export function yearEnd(year: number, argument = 'year'): string {
  if (!Number.isInteger(year) || year < 1949 || year > 9999) {
    throw badUserInput(`${argument} must be a four-digit year, got ${year}`, argument);
  }
  return `${year}-12-31`;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Page size and decoded cursor of a connection field (defaults as the SDL declares them). */
export function pageOf(args: PageArgs, defaultSize: number): Page {
  return { size: pageSize(args.first, defaultSize), after: decodeCursor(args.after) };
}
