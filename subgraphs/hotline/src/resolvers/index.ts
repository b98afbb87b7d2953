import { DateScalar, DateTimeScalar, importAdminResolvers } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { hotlineImports } from '../import/index.js';
import { Department } from './Department.js';
import { HotlineGroupStatistics } from './HotlineGroupStatistics.js';
import { HotlineStatistics } from './HotlineStatistics.js';
import { MergedHotline } from './MergedHotline.js';
import { Query } from './Query.js';
import { Region } from './Region.js';
import { ServiceItem } from './ServiceItem.js';
import { WorkOrder } from './WorkOrder.js';
import { WorkOrderConnection } from './WorkOrderConnection.js';

/** The import status and the quarantine retry, from core (the same for every subgraph). */
const imports = importAdminResolvers({
  imports: hotlineImports,
  queryField: 'hotlineImports',
  retryField: 'retryHotlineQuarantinedRecords',
});

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...Query, ...imports.Query },
  Mutation: imports.Mutation,
  ...imports.types,
  WorkOrder,
  WorkOrderConnection,
  MergedHotline,
  HotlineStatistics,
  HotlineGroupStatistics,
  Department,
  Region,
  ServiceItem,
};
