import { sql, type Kysely, type LogEvent } from 'kysely';
import { analyze, ensureSchema, migrateToLatest, openDatabase, seedOnce, startSubgraphServer } from '@govgraph/core';
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

export interface StartedSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
  db: Kysely<Database>;
}

/**
 * Opens (creating and seeding on first start) the certificates database and serves the
 * subgraph. The database is closed when the server is.
 */
export async function startSubgraph(options: StartOptions = {}): Promise<StartedSubgraph> {
  const log = options.log ?? (() => {});
  const open = openDatabase<Database>({
    subgraph: 'certificates',
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  const { db } = open;
  try {
    // ensureSchema takes OpenDatabase<unknown>, which a typed Kysely<Database> does not widen to;
    // it only uses the dialect and the schema builder, so a widened view of the same handle is safe.
    await ensureSchema({ ...open, db: db as unknown as Kysely<unknown> }, 'certificates');
    await migrateToLatest(db, migrations);
    // Fresh statistics only matter after a bulk load; a database that was already seeded keeps its own.
    if ((await seedOnce(db, (trx) => seed(trx), log)) === 'seeded') await analyze(db);
    const server = await startSubgraphServer({
      name: 'certificates',
      resolvers,
      context: createContext(db),
      ...(options.port !== undefined ? { port: options.port } : {}),
      healthCheck: async () => {
        await sql`select 1`.execute(db);
      },
    });
    log(`certificates database: ${open.location}`);
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
