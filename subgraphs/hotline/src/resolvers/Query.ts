import {
  assertPeriodCount,
  badUserInput,
  decodeCursor,
  forbidden,
  hasScope,
  pageSize,
  Scope,
  type Viewer,
  periodsBetween,
  toConnection,
} from '@govgraph/core';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { checkFilter } from '../store/filters.js';
import { mergedHotlines } from '../store/merged-hotlines.js';
import { statisticsRow } from '../store/rows.js';
import { countsOf, WHOLE_KEY, type Grouping } from '../store/statistics.js';
import { parsePosition, positionKey, workOrderPage, type OrderPosition } from '../store/work-orders.js';

/** A cursor is the position of the last order seen; anything else was not issued by this API. */
function orderCursor(after: string | null | undefined): OrderPosition | undefined {
  const key = decodeCursor(after);
  if (key === undefined) return undefined;
  const position = parsePosition(key);
  if (!position) throw badUserInput('after is not a cursor this API issued', 'after');
  return position;
}

/**
 * The department whose orders the caller may list, or undefined for all of them. `@requiresScopes`
 * in the SDL has already required `workorders:read`; department staff (a `dept` claim) see only
 * orders dispatched to their own department unless they also hold `workorders:read:all`.
 */
export function departmentScope(viewer: Viewer | undefined): string | undefined {
  if (hasScope(viewer, Scope.WORKORDERS_READ_ALL)) return undefined;
  if (!viewer?.dept) throw forbidden('Reading work orders needs a department (dept claim) or scope workorders:read:all');
  return viewer.dept;
}

export const Query: QueryResolvers = {
  hotlineStatistics: async (_parent, { filter }, { db }) => {
    const grouping: Grouping = { filter: checkFilter(filter), by: { kind: 'WHOLE' } };
    const counts = await countsOf(db, grouping);
    return statisticsRow(counts.get(WHOLE_KEY), grouping, WHOLE_KEY);
  },

  hotlineTrend: async (_parent, { filter, granularity }, { db }) => {
    const checked = checkFilter(filter);
    assertPeriodCount(checked.from, checked.to, granularity);
    const grouping: Grouping = { filter: checked, by: { kind: 'PERIOD', granularity } };
    const byPeriod = await countsOf(db, grouping);
    // Periods without orders are still periods of the trend: zeros, not gaps.
    return periodsBetween(checked.from, checked.to, granularity).map((period) => ({
      ...period,
      statistics: statisticsRow(byPeriod.get(period.period), grouping, period.period),
    }));
  },

  hotlineBreakdown: async (_parent, { filter, by }, { db }) => {
    const grouping: Grouping = { filter: checkFilter(filter), by: { kind: 'DIMENSION', dimension: by } };
    const groups = await countsOf(db, grouping);
    // Sorted here, not in SQL, so the order is the same under every database collation.
    return [...groups.keys()].sort().map((key) => ({ by, key, statistics: statisticsRow(groups.get(key), grouping, key) }));
  },

  workOrder: async (_parent, { id }, { loaders, viewer }) => {
    const department = departmentScope(viewer);
    const order = await loaders.workOrder.load(id);
    // Another department's order is as unknown to the caller as one that does not exist.
    if (order && department !== undefined && order.department_code !== department) return null;
    return order;
  },

  workOrders: async (_parent, { filter, first, after }, { db, viewer }) => {
    const checked = checkFilter(filter);
    const department = departmentScope(viewer);
    if (department !== undefined) {
      if (checked.departmentCode && checked.departmentCode !== department) {
        throw forbidden(`Work orders of department ${checked.departmentCode} are not yours to read`);
      }
      checked.departmentCode = department;
    }
    const size = pageSize(first);
    const rows = await workOrderPage(db, checked, size + 1, orderCursor(after));
    const { edges, pageInfo } = toConnection(rows, size, positionKey, 0);
    return { edges, pageInfo, filter: checked };
  },

  mergedHotlines: (_parent, _args, { db }) => mergedHotlines(db),
};
