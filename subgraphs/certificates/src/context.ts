import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './store/schema.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  requestId: string;
  db: Kysely<Database>;
  loaders: Loaders;
}

/** The per-request context factory: fresh loaders for every request, so no cache outlives it. */
export function createContext(db: Kysely<Database>, requestId: string = randomUUID()): Context {
  return { requestId, db, loaders: createLoaders(db) };
}
