import {
  assertDateRange,
  assertDepartmentCode,
  assertPeriodCount,
  badUserInput,
  decodeCursor,
  pageSize,
  periodsBetween,
  toConnection,
} from '@govgraph/core';
import type { Context } from '../context.js';
import type { IssuanceFilter, QueryResolvers } from '../__generated__/resolvers-types.js';
import { listTypes } from '../store/certificate-types.js';
import { issuanceTotals, issuedByPeriod, type IssuanceScope } from '../store/issuance.js';
import { certificateStatistics } from '../store/statistics.js';

/**
 * Checks an issuance filter: a reversed range, an unknown department or an unknown type is the
 * caller's mistake and gets said so, rather than an answer of 0 that looks like a fact.
 */
async function issuanceScope(filter: IssuanceFilter, { loaders }: Context): Promise<IssuanceScope> {
  const range = assertDateRange(filter.from, filter.to);
  if (filter.departmentCode != null) assertDepartmentCode(filter.departmentCode, 'departmentCode');
  if (filter.typeCode != null && !(await loaders.typeByCode.load(filter.typeCode))) {
    throw badUserInput(`typeCode: no certificate type has the code ${JSON.stringify(filter.typeCode)}`, 'typeCode');
  }
  return { ...range, typeCode: filter.typeCode, departmentCode: filter.departmentCode };
}

export const Query: QueryResolvers = {
  certificateType: (_parent, { code }, { loaders }) => loaders.typeByCode.load(code),

  certificateTypes: async (_parent, { filter, first, after }, { db }) => {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    if (filter?.departmentCode != null) assertDepartmentCode(filter.departmentCode, 'departmentCode');
    const { rows, totalCount } = await listTypes(db, filter ?? {}, size + 1, cursor);
    return toConnection(rows, size, (row) => row.code, totalCount);
  },

  certificateStatistics: (_parent, { asOf }, { db }) => certificateStatistics(db, asOf),

  issuanceStatistics: async (_parent, { filter }, context) =>
    issuanceTotals(context.db, await issuanceScope(filter, context)),

  issuanceTrend: async (_parent, { filter, granularity }, context) => {
    const scope = await issuanceScope(filter, context);
    assertPeriodCount(scope.from, scope.to, granularity);
    const issued = await issuedByPeriod(context.db, scope, granularity);
    return periodsBetween(scope.from, scope.to, granularity).map((period) => ({
      ...period,
      issued: issued.get(period.period) ?? 0,
    }));
  },
};
