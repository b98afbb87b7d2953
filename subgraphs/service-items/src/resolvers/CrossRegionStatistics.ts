import type { CrossRegionStatisticsResolvers } from '../__generated__/resolvers-types.js';
import { partnerCities } from '../store/cross-region.js';

export const CrossRegionStatistics: CrossRegionStatisticsResolvers = {
  partners: (s, { kind }, { db }) => partnerCities(db, s.asOf, kind),
};
