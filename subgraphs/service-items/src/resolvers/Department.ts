import { assertDateRange } from '@govgraph/core';
import type { DepartmentResolvers } from '../__generated__/resolvers-types.js';
import { NO_APPLICATIONS, toStatistics } from '../store/applications.js';
import { rate } from '@govgraph/core';
import { checkItemFilter, pageOf } from '../validation.js';
import { required } from './required.js';

export const Department: DepartmentResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.department.load(reference.code),
  shortName: (d) => d.short_name,
  stationedInCenter: (d) => d.stationed_in_center === 1,
  region: async (d, _, { loaders }) => required(await loaders.region.load(d.region_code), 'region', d.region_code),

  serviceItems: async (d, args, { loaders }) => {
    const filter = checkItemFilter(args.filter);
    const page = pageOf(args, 20);
    const result = await loaders.departmentItems.load({ filter, page }, d.code);
    return required(result, 'item page of department', d.code).connection;
  },

  itemStatistics: async (d, { asOf }, { loaders }) => {
    const figures = await loaders.departmentItemFigures.load({ asOf }, d.code);
    const { total = 0, applicationBased = 0, onlineAvailable = 0 } = figures ?? {};
    return { total, applicationBased, onlineAvailable, onlineRate: rate(onlineAvailable, applicationBased) };
  },

  applicationStatistics: async (d, { from, to }, { loaders }) => {
    const range = assertDateRange(from, to);
    return toStatistics((await loaders.departmentApplications.load(range, d.code)) ?? NO_APPLICATIONS);
  },
};
