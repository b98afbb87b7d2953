/** The shapes resolvers receive (codegen.mappers.ts points the GraphQL types at these). */
import type { Selectable } from 'kysely';
import type { BusinessSystemsTable, DataCatalogsTable } from './schema.js';

export type BusinessSystemRow = Selectable<BusinessSystemsTable>;
export type DataCatalogRow = Selectable<DataCatalogsTable>;

/** A department is owned by service-items; this subgraph only knows its key. */
export interface DepartmentRef {
  __typename?: 'Department';
  code: string;
}

/** A service item is owned by service-items and not resolvable here: only its key travels. */
export interface ServiceItemRef {
  __typename: 'ServiceItem';
  code: string;
}

/** vCPU, memory and storage as the GraphQL `ResourceAmount` type has them. */
export interface ResourceAmount {
  vcpu: number;
  memoryGb: number;
  storageTb: number;
}

export const NO_RESOURCES: ResourceAmount = Object.freeze({ vcpu: 0, memoryGb: 0, storageTb: 0 });
