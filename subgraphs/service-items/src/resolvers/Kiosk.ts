import type { KioskResolvers } from '../__generated__/resolvers-types.js';
import { required } from './required.js';

export const Kiosk: KioskResolvers = {
  region: async (k, _, { loaders }) => required(await loaders.region.load(k.region_code), 'region', k.region_code),
  installedOn: (k) => k.installed_on,
};
