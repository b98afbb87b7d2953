import type { DataCatalogResolvers } from '../__generated__/resolvers-types.js';

export const DataCatalog: DataCatalogResolvers = {
  department: (row) => ({ __typename: 'Department', code: row.department_code }),
  async linkedItems(row, _args, { loaders }) {
    const links = await loaders.linksOfCatalog.load(row.id);
    return links.map((link) => ({ __typename: 'ServiceItem' as const, code: link.itemCode }));
  },
  registeredOn: (row) => row.registered_on,
};
