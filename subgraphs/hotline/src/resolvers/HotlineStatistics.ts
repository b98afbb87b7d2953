import { rate } from '@govgraph/core';
import type { HotlineStatisticsResolvers } from '../__generated__/resolvers-types.js';

export const HotlineStatistics: HotlineStatisticsResolvers = {
  replyRate: (s) => rate(s.replied, s.received),
  completionRate: (s) => rate(s.completed, s.received),
  satisfactionRate: (s) => rate(s.satisfied, s.rated),
  // The one figure the rollup cannot hold: computed from the orders, and only when asked for.
  medianHandlingHours: async (s, _args, { loaders }) => {
    if (!s.median) return null;
    const minutes = await loaders.median.load(s.median.grouping, s.median.key);
    return minutes === null ? null : minutes / 60;
  },
};
