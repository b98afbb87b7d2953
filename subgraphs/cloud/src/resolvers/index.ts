import { DateScalar, DateTimeScalar, importAdminResolvers } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { cloudImports } from '../import/index.js';
import { BusinessSystem } from './BusinessSystem.js';
import { DataCatalog } from './DataCatalog.js';
import { Department } from './Department.js';
import { Query } from './Query.js';

/** The import status and the quarantine retry, from core (the same for every subgraph). */
const imports = importAdminResolvers({
  imports: cloudImports,
  queryField: 'cloudImports',
  retryField: 'retryCloudQuarantinedRecords',
});

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...Query, ...imports.Query },
  Mutation: imports.Mutation,
  ...imports.types,
  BusinessSystem,
  Department,
  DataCatalog,
};
