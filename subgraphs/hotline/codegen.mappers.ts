/**
 * GraphQL type -> the row type its resolvers receive (`./store/rows.js#TypeRow`), relative to
 * src/__generated__/. codegen.ts at the root reads this.
 */
import { IMPORT_STATUS_MAPPERS } from '../../packages/core/src/import/codegen-mappers.js';

export const mappers: Record<string, string> = {
  WorkOrder: '../store/rows.js#WorkOrderRow',
  WorkOrderConnection: '../store/rows.js#WorkOrderPage',
  MergedHotline: '../store/rows.js#MergedHotlineRow',
  HotlineStatistics: '../store/rows.js#HotlineStatisticsRow',
  HotlinePeriodStatistics: '../store/rows.js#HotlinePeriodRow',
  HotlineGroupStatistics: '../store/rows.js#HotlineGroupRow',
  Department: '../store/rows.js#DepartmentRef',
  Region: '../store/rows.js#RegionRef',
  ServiceItem: '../store/rows.js#ServiceItemRef',
  // The import status: rows and resolvers shared by every subgraph, from core.
  ...IMPORT_STATUS_MAPPERS,
};
