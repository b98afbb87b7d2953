import type { DelegationBatchResolvers } from '../__generated__/resolvers-types.js';

export const DelegationBatch: DelegationBatchResolvers = {
  fromLevel: (b) => b.from_level,
  toLevel: (b) => b.to_level,
  decidedOn: (b) => b.decided_on,
};
