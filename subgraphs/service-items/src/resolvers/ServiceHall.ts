import type { ServiceHallResolvers } from '../__generated__/resolvers-types.js';
import { required } from './required.js';

export const ServiceHall: ServiceHallResolvers = {
  region: async (h, _, { loaders }) => required(await loaders.region.load(h.region_code), 'region', h.region_code),
  ratingEnabled: (h) => h.rating_enabled === 1,
};
