import {
  startSubgraphWithDatabase,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphStartOptions,
} from '@govgraph/core';
import { createContext, type Context } from './context.js';
import { serviceItemImports } from './import/index.js';
import { resolvers } from './resolvers/index.js';
import { migrations } from './store/migrations.js';
import type { Database } from './store/schema.js';
import { seed } from './store/seed.js';

export const subgraph: SubgraphDefinition<Database, Context> = {
  name: 'service-items',
  migrations,
  seed,
  resolvers,
  createContext,
  imports: serviceItemImports,
};

export type StartOptions = SubgraphStartOptions;

/** Opens (creating and seeding on first start) this subgraph's database and serves it. */
export function startSubgraph(options: StartOptions = {}): Promise<RunningSubgraph<Database>> {
  return startSubgraphWithDatabase(subgraph, options);
}
