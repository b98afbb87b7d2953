export { startSubgraph, subgraph, type StartOptions } from './server.js';
export { resolvers } from './resolvers/index.js';
export { createContext, type Context } from './context.js';
export { migrations } from './store/migrations.js';
export { generateDataset, insertDataset, seed, TARGETS } from './store/seed.js';
export type { Database } from './store/schema.js';
export { importResources, serviceItemImports } from './import/index.js';
