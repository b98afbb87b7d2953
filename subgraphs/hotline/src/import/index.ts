/** What the hotline subgraph imports from the hotline platform (see docs/upstream-apis.md). */
import { invalidateGatewayCacheAfterImport, type SubgraphImports } from '@govgraph/core';
import type { Database } from '../store/schema.js';
import { workOrders } from './work-orders.js';

export const importResources = [workOrders] as const;

/** The subgraph's imports: the CLI, the schedule and the graph's retry all use this one object. */
export const hotlineImports: SubgraphImports<Database> = {
  resources: importResources,
  onCommitted: invalidateGatewayCacheAfterImport('hotline'),
};

export { workOrders };
