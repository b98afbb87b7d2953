import { DateScalar } from '@govgraph/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { CertificateType } from './CertificateType.js';
import { Department } from './Department.js';
import { Query } from './Query.js';
import { ServiceItem } from './ServiceItem.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  CertificateType,
  Department,
  ServiceItem,
};
