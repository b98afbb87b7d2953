/** What the import runner may bring into this subgraph: one entry per upstream resource. */
import { invalidateGatewayCacheAfterImport, type AnyImportResource, type SubgraphImports } from '@govgraph/core';
import type { Database } from '../store/schema.js';
import { allocationsResource } from './allocations.js';

export const importResources: readonly AnyImportResource<Database>[] = [allocationsResource];

/** The subgraph's imports: the CLI, the schedule and the graph's retry all use this one object. */
export const cloudImports: SubgraphImports<Database> = {
  resources: importResources,
  onCommitted: invalidateGatewayCacheAfterImport('cloud'),
};
