import { DateScalar } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { BusinessSystem } from './BusinessSystem.js';
import { DataCatalog } from './DataCatalog.js';
import { Department } from './Department.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  BusinessSystem,
  Department,
  DataCatalog,
};
