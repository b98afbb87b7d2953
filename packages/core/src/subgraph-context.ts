import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Viewer } from './viewer.js';

/** What every subgraph resolver receives: the request, its own database and per-request loaders. */
export interface SubgraphContext<DB, Loaders> {
  requestId: string;
  db: Kysely<DB>;
  loaders: Loaders;
  /** The verified caller; set by the core server (and by tests), read by the authorization guard. */
  viewer?: Viewer;
}

/**
 * The per-request context factory for a subgraph: fresh loaders for every request, so no
 * DataLoader cache outlives the operation that filled it.
 */
export function contextFactory<DB, Loaders>(createLoaders: (db: Kysely<DB>) => Loaders) {
  return (db: Kysely<DB>, requestId: string = randomUUID()): SubgraphContext<DB, Loaders> => ({
    requestId,
    db,
    loaders: createLoaders(db),
  });
}
