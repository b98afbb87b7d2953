/**
 * GraphQL type -> the row type its resolvers receive (`./store/rows.js#TypeRow`), relative to
 * src/__generated__/. codegen.ts at the root reads this.
 */
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
  ImportStatus: '@govgraph/core#ImportStatusRow',
  ImportResourceStatus: '@govgraph/core#ImportResourceStatusRow',
  ImportRun: '@govgraph/core#ImportRunRow',
  QuarantinedRecord: '@govgraph/core#QuarantinedRecordRow',
  QuarantinedRecordConnection: '@govgraph/core#QuarantinedRecordPage',
  QuarantineRetryResult: '@govgraph/core#QuarantineRetryRow',
};
