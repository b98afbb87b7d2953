import type { WorkOrderConnectionResolvers } from '../__generated__/resolvers-types.js';
import { countsOf, WHOLE_KEY } from '../store/statistics.js';

export const WorkOrderConnection: WorkOrderConnectionResolvers = {
  // The same count as hotlineStatistics.received (from the rollup when the filter allows), and
  // only when a client asks for it.
  totalCount: async (page, _args, { db }) => {
    const counts = await countsOf(db, { filter: page.filter, by: { kind: 'WHOLE' } });
    return counts.get(WHOLE_KEY)?.received ?? 0;
  },
};
