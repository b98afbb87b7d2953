export { startSubgraph, subgraph, type StartOptions } from './server.js';
export { resolvers } from './resolvers/index.js';
export { createContext, type Context } from './context.js';
export { migrations } from './store/migrations.js';
export { importResources, cloudImports } from './import/index.js';
export { buildDataset, seed, CLOUD_FIGURES, CLOUD_DATASET_VERSION } from './store/seed.js';
export type { Database } from './store/schema.js';
