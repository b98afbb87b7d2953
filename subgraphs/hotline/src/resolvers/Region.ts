import type { RegionResolvers } from '../__generated__/resolvers-types.js';
import { regionRef } from '../store/refs.js';
import { entityStatistics } from './entity-statistics.js';

export const Region: RegionResolvers = {
  __resolveReference: (ref) => regionRef(ref.code),
  hotlineStatistics: entityStatistics('regionStatistics'),
};
