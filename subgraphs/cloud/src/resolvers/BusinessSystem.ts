import type { BusinessSystemResolvers } from '../__generated__/resolvers-types.js';

export const BusinessSystem: BusinessSystemResolvers = {
  // The gateway sends every representation of one fetch together: the loader makes it one query.
  __resolveReference(reference, { loaders }) {
    return loaders.businessSystem.load(reference.id);
  },
  department: (row) => ({ __typename: 'Department', code: row.department_code }),
  allocation: (row) => ({ vcpu: row.vcpu, memoryGb: row.memory_gb, storageTb: row.storage_tb }),
  allocatedOn: (row) => row.allocated_on,
};
