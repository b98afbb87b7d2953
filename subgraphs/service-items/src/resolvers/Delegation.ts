import type { DelegationResolvers } from '../__generated__/resolvers-types.js';
import { required } from './required.js';

export const Delegation: DelegationResolvers = {
  batch: async (d, _, { loaders }) => required(await loaders.delegationBatch.load(d.batch_number), 'delegation batch', d.batch_number),
  fromLevel: (d) => d.from_level,
  toLevel: (d) => d.to_level,
};
