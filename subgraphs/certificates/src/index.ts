export { startSubgraph, subgraph, type StartOptions } from './server.js';
export { resolvers } from './resolvers/index.js';
export { migrations } from './store/migrations.js';
export { importResources, certificateImports } from './import/index.js';
export { FIGURES_2021, generateDataset, insertDataset } from './store/seed.js';
export type { Database } from './store/schema.js';
