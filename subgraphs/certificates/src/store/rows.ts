/** Row types the GraphQL mappers point at (see codegen.mappers.ts). */
import type { Selectable } from 'kysely';
import type { CertificateTypesTable } from './schema.js';

export type CertificateTypeRow = Selectable<CertificateTypesTable>;

/**
 * Department and ServiceItem are owned by service-items: this subgraph only holds their codes,
 * so a reference is all a resolver receives or returns.
 */
export interface DepartmentRef {
  __typename?: 'Department';
  code: string;
}

export interface ServiceItemRef {
  __typename?: 'ServiceItem';
  code: string;
}

/** The figures of certificateStatistics, computed together in one query. */
export interface CertificateStatisticsRow {
  onboardedDepartments: number;
  catalogTypes: number;
  serviceEnabledTypes: number;
  issuedTypes: number;
  ingestionRate: number;
  issuedTotal: number;
  stationedItems: number;
  itemsUsingCertificates: number;
  usageRate: number;
}
