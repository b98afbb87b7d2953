import type { ServiceItemResolvers } from '../__generated__/resolvers-types.js';
import { serviceItemRef } from '../store/refs.js';
import { entityStatistics } from './entity-statistics.js';

export const ServiceItem: ServiceItemResolvers = {
  __resolveReference: (ref) => serviceItemRef(ref.code),
  hotlineStatistics: entityStatistics('itemStatistics'),
};
