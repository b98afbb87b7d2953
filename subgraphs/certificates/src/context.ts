import { contextFactory, type SubgraphContext } from '@govgraph/core';
import { createLoaders, type Loaders } from './loaders.js';
import type { Database } from './store/schema.js';

export type Context = SubgraphContext<Database, Loaders>;

export const createContext = contextFactory(createLoaders);
