import { DateScalar, DateTimeScalar } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { CrossRegionStatistics } from './CrossRegionStatistics.js';
import { Delegation } from './Delegation.js';
import { DelegationBatch } from './DelegationBatch.js';
import { Department } from './Department.js';
import { Kiosk } from './Kiosk.js';
import { Query } from './Query.js';
import { Region } from './Region.js';
import { ServiceCenterStatistics } from './ServiceCenterStatistics.js';
import { ServiceChannel } from './ServiceChannel.js';
import { ServiceHall } from './ServiceHall.js';
import { ServiceItem } from './ServiceItem.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Department,
  Region,
  ServiceItem,
  Delegation,
  DelegationBatch,
  Kiosk,
  ServiceHall,
  CrossRegionStatistics,
  ServiceCenterStatistics,
  ServiceChannel,
};
