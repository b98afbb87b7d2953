import { DateScalar, DateTimeScalar, importAdminResolvers } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { certificateImports } from '../import/index.js';
import { CertificateType } from './CertificateType.js';
import { Department } from './Department.js';
import { Query } from './Query.js';
import { ServiceItem } from './ServiceItem.js';

/** The import status and the quarantine retry, from core (the same for every subgraph). */
const imports = importAdminResolvers({
  imports: certificateImports,
  queryField: 'certificateImports',
  retryField: 'retryCertificateQuarantinedRecords',
});

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...Query, ...imports.Query },
  Mutation: imports.Mutation,
  ...imports.types,
  CertificateType,
  Department,
  ServiceItem,
};
