import type { RegionResolvers } from '../__generated__/resolvers-types.js';

export const Region: RegionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.region.load(reference.code),
  parent: (r, _, { loaders }) => (r.parent_code === null ? null : loaders.region.load(r.parent_code)),
  children: (r, _, { loaders }) => loaders.regionChildren.load(r.code),
  onPlatform: (r) => r.platform_since !== null,
  kioskCount: async (r, _, { loaders }) => (await loaders.regionKioskCount.load(r.code))?.kiosks ?? 0,
};
