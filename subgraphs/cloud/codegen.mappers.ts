/**
 * GraphQL type -> the row type its resolvers receive (`./store/rows.js#TypeRow`), relative to
 * src/__generated__/. codegen.ts at the root reads this.
 */
import { IMPORT_STATUS_MAPPERS } from '../../packages/core/src/import/codegen-mappers.js';

export const mappers: Record<string, string> = {
  BusinessSystem: '../store/rows.js#BusinessSystemRow',
  DataCatalog: '../store/rows.js#DataCatalogRow',
  Department: '../store/rows.js#DepartmentRef',
  ServiceItem: '../store/rows.js#ServiceItemRef',
  // The import status: rows and resolvers shared by every subgraph, from core.
  ...IMPORT_STATUS_MAPPERS,
};
