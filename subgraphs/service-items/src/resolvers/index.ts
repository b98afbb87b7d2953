import { DateScalar, DateTimeScalar, importAdminResolvers } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { serviceItemImports } from '../import/index.js';
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

/** The import status and the quarantine retry, from core (the same for every subgraph). */
const imports = importAdminResolvers({
  imports: serviceItemImports,
  queryField: 'serviceItemImports',
  retryField: 'retryServiceItemQuarantinedRecords',
});

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...Query, ...imports.Query },
  Mutation: imports.Mutation,
  ...imports.types,
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
