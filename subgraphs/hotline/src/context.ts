import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Viewer } from '@govgraph/core';
import { createLoaders, type Loaders } from './loaders.js';
import type { Database } from './store/schema.js';

export interface Context {
  requestId: string;
  db: Kysely<Database>;
  loaders: Loaders;
  /** The verified caller; set by the core server (and by tests), read by access rules. */
  viewer?: Viewer;
}

/** The per-request context: fresh loaders for every request, so no cache outlives it. */
export function createContext(db: Kysely<Database>, requestId: string = randomUUID()): Context {
  return { requestId, db, loaders: createLoaders(db) };
}
