import { assertDateRange } from '@govgraph/core';
import type { DepartmentResolvers } from '../__generated__/resolvers-types.js';

/**
 * Department is owned by service-items; this subgraph adds its certificate fields. A department
 * this system has no row for still exists in the graph, so its answers are false / empty / 0.
 */
export const Department: DepartmentResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  onboardedToCertificateSystem: async (ref, _args, { loaders }) => (await loaders.departmentOnboarding.load(ref.code)) !== null,
  certificateTypes: (ref, _args, { loaders }) => loaders.typesByDepartment.load(ref.code),
  certificatesIssued: async (ref, { from, to }, { loaders }) =>
    (await loaders.issuedByDepartment.load(assertDateRange(from, to), ref.code))?.issued ?? 0,
};
