import { sql, type Kysely, type LogEvent } from 'kysely';
import { analyze, ensureSchema, migrateToLatest, openDatabase, seedOnce, startSubgraphServer } from '@govgraph/core';
import { createContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { migrations } from './store/migrations.js';
import type { Database } from './store/schema.js';
import { seed } from './store/seed.js';

export const SUBGRAPH = 'service-items';

export interface StartOptions {
  port?: number;
  file?: string;
  url?: string;
  onQuery?: (e: LogEvent) => void;
  log?: (m: string) => void;
}

/**
 * Opens (and on first start migrates and seeds) the catalogue's database, then serves the
 * subgraph. The e2e tests and the start command both boot through here.
 */
export async function startSubgraph(
  options: StartOptions = {},
): Promise<{ url: string; port: number; close(): Promise<void>; db: Kysely<Database> }> {
  const log = options.log ?? (() => {});
  const open = openDatabase<Database>({
    subgraph: SUBGRAPH,
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  const { db } = open;
  try {
    await ensureSchema(open, SUBGRAPH);
    await migrateToLatest(db, migrations);
    if ((await seedOnce(db, (trx) => seed(trx), log)) === 'seeded') {
      await analyze(db);
      // The seed's single transaction leaves a WAL as large as the database; fold it in now
      // rather than carrying it until the process closes.
      if (open.dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    }
    const server = await startSubgraphServer({
      name: SUBGRAPH,
      resolvers,
      context: async ({ requestId }) => createContext(db, requestId),
      ...(options.port !== undefined ? { port: options.port } : {}),
      healthCheck: async () => {
        await sql`select 1`.execute(db);
      },
    });
    log(`service-items database: ${open.location}`);
    return {
      url: server.url,
      port: server.port,
      db,
      close: async () => {
        await server.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
