import type { DepartmentResolvers } from '../__generated__/resolvers-types.js';
import { departmentRef } from '../store/refs.js';
import { entityStatistics } from './entity-statistics.js';

export const Department: DepartmentResolvers = {
  // The catalogue owns departments; the key is all this subgraph needs, so no query here.
  __resolveReference: (ref) => departmentRef(ref.code),
  hotlineStatistics: entityStatistics('departmentStatistics'),
};
