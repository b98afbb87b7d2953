import type { HotlineGroupStatisticsResolvers } from '../__generated__/resolvers-types.js';
import type { WorkOrderCategory, WorkOrderChannel } from '../store/schema.js';
import { departmentRef, regionRef } from '../store/refs.js';

/** Each group fills the one field that matches its dimension; the key holds the same value. */
export const HotlineGroupStatistics: HotlineGroupStatisticsResolvers = {
  region: (g) => (g.by === 'COUNTY' || g.by === 'TOWNSHIP' ? regionRef(g.key) : null),
  department: (g) => (g.by === 'DEPARTMENT' ? departmentRef(g.key) : null),
  category: (g) => (g.by === 'CATEGORY' ? (g.key as WorkOrderCategory) : null),
  channel: (g) => (g.by === 'CHANNEL' ? (g.key as WorkOrderChannel) : null),
};
