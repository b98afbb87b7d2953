/**
 * What the service platform sends GovGraph (docs/upstream-apis/service-items.md), for the shared
 * import runner. The catalogue comes first: applications refer to its items, and a run of every
 * resource in this order never quarantines an application for an item the same run brings.
 */
import { invalidateGatewayCacheAfterImport, type AnyImportResource, type SubgraphImports } from '@govgraph/core';
import type { Database } from '../store/schema.js';
import { applications } from './applications.js';
import { catalogueItems } from './items.js';

export const importResources: AnyImportResource<Database>[] = [catalogueItems, applications];

export { applications, catalogueItems };
export type { ApplicationRecord } from './applications.js';
export type { CatalogueItemRecord } from './items.js';

/** The subgraph's imports: the CLI, the schedule and the graph's retry all use this one object. */
export const serviceItemImports: SubgraphImports<Database> = {
  resources: importResources,
  onCommitted: invalidateGatewayCacheAfterImport('service-items'),
};
