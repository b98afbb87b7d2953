import { sql, type Kysely, type LogEvent } from 'kysely';
import {
  analyze,
  ensureSchema,
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
  seedOnce,
  startSubgraphServer,
} from '@govgraph/core';
import { createContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { migrations } from './store/migrations.js';
import { seed } from './store/seed.js';
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
 * Opens (and on first start creates and seeds) the hotline database, then serves the subgraph.
 * The e2e tests and the start command both boot through here.
 */
export async function startSubgraph(options: StartOptions = {}): Promise<RunningSubgraph> {
  const log = options.log ?? (() => {});
  const open = openDatabase<Database>({
    subgraph: 'hotline',
    file: options.file,
    url: options.url,
    onQuery: options.onQuery,
  });
  const { db } = open;
  try {
    // ensureSchema only reads `dialect` and creates a schema; Kysely's invariant generic needs
    // the widening.
    await ensureSchema(open as OpenDatabase<unknown>, 'hotline');
    await migrateToLatest(db, migrations);
    const seeded = await seedOnce(db, (trx) => seed(trx), log);
    if (seeded === 'seeded') {
      if (open.dialect === 'sqlite') {
        // The seed is one transaction, so the whole database passed through the WAL: fold it
        // back now rather than keep a second copy on disk until the process ends.
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
        // ANALYZE reads every index in full unless limited; a sample is plenty for the planner
        // to tell a selective index from a broad one.
        await sql`pragma analysis_limit = 2000`.execute(db);
      }
      await analyze(db);
    }
    const server = await startSubgraphServer({
      name: 'hotline',
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
