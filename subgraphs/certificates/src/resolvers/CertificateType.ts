import { assertDateRange } from '@govgraph/core';
import type { CertificateTypeResolvers } from '../__generated__/resolvers-types.js';

export const CertificateType: CertificateTypeResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.typeByCode.load(ref.code),
  name: (row) => row.name,
  issuingDepartment: (row) => ({ __typename: 'Department', code: row.department_code }),
  inCityCatalog: (row) => row.in_city_catalog === 1,
  issuanceEnabled: (row) => row.issuance_enabled === 1,
  holderKind: (row) => row.holder_kind,
  validityYears: (row) => row.validity_years,
  issued: async (row, { from, to }, { loaders }) =>
    (await loaders.issuedByType.load(assertDateRange(from, to), row.code))?.issued ?? 0,
};
