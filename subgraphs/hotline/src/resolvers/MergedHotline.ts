import type { MergedHotlineResolvers } from '../__generated__/resolvers-types.js';
import { departmentRef } from '../store/refs.js';

export const MergedHotline: MergedHotlineResolvers = {
  department: (line) => departmentRef(line.department_code),
  mergedOn: (line) => line.merged_on,
};
