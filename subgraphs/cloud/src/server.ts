import { sql, type Kysely, type LogEvent } from 'kysely';
import {
  analyze,
  ensureSchema,
  migrateToLatest,
  openDatabase,
  seedOnce,
  startSubgraphServer,
} from '@govgraph/core';
import { createContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { migrations } from './store/migrations.js';
import { CLOUD_DATASET_VERSION, seed } from './store/seed.js';
import type { Database } from './store/schema.js';

export interface StartOptions {
  port?: number;
  file?: string;
  url?: string;
  onQuery?: (e: LogEvent) => void;
  log?: (m: string) => void;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
  db: Kysely<Database>;
}

/**
 * Opens (and on first start creates and seeds) the cloud database, then serves the subgraph.
 * The e2e tests and the start command both boot through here.
 */
export async function startSubgraph(options: StartOptions = {}): Promise<RunningSubgraph> {
  const log = options.log ?? (() => {});
  const open = openDatabase<Database>({
    subgraph: 'cloud',
    file: options.file,
    url: options.url,
    onQuery: options.onQuery,
  });
  const { db } = open;
  try {
    await ensureSchema(open, 'cloud');
    await migrateToLatest(db, migrations);
    const seeded = await seedOnce(db, (trx) => seed(trx), log, CLOUD_DATASET_VERSION);
    // Fresh statistics once, after the bulk load, so the planner uses the indexes from the start.
    if (seeded === 'seeded') await analyze(db);
    const server = await startSubgraphServer({
      name: 'cloud',
      resolvers,
      context: createContext(db),
      port: options.port,
      healthCheck: async () => {
        await sql`select 1`.execute(db);
      },
    });
    log(`database ${open.location}`);
    return {
      url: server.url,
      port: server.port,
      db,
      async close() {
        await server.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
