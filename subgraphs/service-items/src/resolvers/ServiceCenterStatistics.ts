import type { ServiceCenterStatisticsResolvers } from '../__generated__/resolvers-types.js';
import { applicationCounts, toStatistics } from '../store/applications.js';
import { centerDepartmentCount } from '../store/departments.js';
import { centerItemCount } from '../store/items.js';

/** Each figure is its own query, run only when the operation asks for it. */
export const ServiceCenterStatistics: ServiceCenterStatisticsResolvers = {
  stationedDepartments: (_, __, { db }) => centerDepartmentCount(db),
  stationedItems: (c, _, { db }) => centerItemCount(db, c.to),
  applications: async (c, _, { db }) => toStatistics(await applicationCounts(db, { from: c.from, to: c.to })),
};
