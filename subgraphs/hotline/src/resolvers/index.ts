import { DateScalar, DateTimeScalar } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Department } from './Department.js';
import { HotlineGroupStatistics } from './HotlineGroupStatistics.js';
import { HotlineStatistics } from './HotlineStatistics.js';
import { MergedHotline } from './MergedHotline.js';
import { Query } from './Query.js';
import { Region } from './Region.js';
import { ServiceItem } from './ServiceItem.js';
import { WorkOrder } from './WorkOrder.js';
import { WorkOrderConnection } from './WorkOrderConnection.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  WorkOrder,
  WorkOrderConnection,
  MergedHotline,
  HotlineStatistics,
  HotlineGroupStatistics,
  Department,
  Region,
  ServiceItem,
};
