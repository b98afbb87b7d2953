import type { Kysely } from 'kysely';
import { createLoaders, type Loaders } from './loaders.js';
import type { Database } from './store/schema.js';

export interface Context {
  requestId: string;
  db: Kysely<Database>;
  loaders: Loaders;
}

/** The per-request context factory handed to the server: fresh loaders for every request. */
export function createContext(db: Kysely<Database>): (args: { requestId: string }) => Promise<Context> {
  return async ({ requestId }) => ({ requestId, db, loaders: createLoaders(db) });
}
