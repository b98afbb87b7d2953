import type { DepartmentResolvers } from '../__generated__/resolvers-types.js';

/**
 * Department belongs to service-items; this subgraph adds cloud fields to it. Both fields go
 * through loaders, so a dashboard asking for all city departments costs one query per field.
 */
export const Department: DepartmentResolvers = {
  __resolveReference: (reference) => ({ code: reference.code }),
  businessSystems: (department, _args, { loaders }) => loaders.businessSystemsOfDepartment.load(department.code),
  cloudAllocation: (department, _args, { loaders }) => loaders.allocationOfDepartment.load(department.code),
};
