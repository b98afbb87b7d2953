export { startSubgraph, subgraph, type StartOptions } from './server.js';
export { resolvers } from './resolvers/index.js';
export { createContext, type Context } from './context.js';
export { migrations } from './store/migrations.js';
export { buildDataset, seed, HOTLINE_DATASET_VERSION, HOTLINE_FIGURES } from './store/seed.js';
export type { Database } from './store/schema.js';
export { importResources, hotlineImports, workOrders } from './import/index.js';
