/**
 * The subgraphs `npm run import` knows, each loaded only when asked for. A subgraph whose
 * importers exist exports `subgraph` (its definition) and `importResources`; adding one is one
 * line here.
 */
import type { AnyImportResource, SubgraphDefinition } from '../packages/core/src/index.js';

export interface ImportableSubgraph {
  subgraph: SubgraphDefinition<any, any>;
  importResources: readonly AnyImportResource<any>[];
}

export const IMPORTABLE_SUBGRAPHS: Record<string, () => Promise<ImportableSubgraph>> = {
  'service-items': () => import('../subgraphs/service-items/src/index.js'),
  certificates: () => import('../subgraphs/certificates/src/index.js'),
  cloud: () => import('../subgraphs/cloud/src/index.js'),
  hotline: () => import('../subgraphs/hotline/src/index.js'),
};
