import type { BaseContext } from '@apollo/server';
import { sql, type Kysely, type LogEvent, type Migration } from 'kysely';
import { ensureSchema, openDatabase, type OpenDatabase } from './database.js';
import { scheduleFromEnv } from './import/config.js';
import { startImportSchedule, type ImportSchedule } from './import/schedule.js';
import type { SubgraphImports } from './import/subgraph-imports.js';
import { migrateToLatest } from './migrations.js';
import { DATASET_VERSION, analyze, seedOnce } from './seeding.js';
import { slowQueryLogger, slowQueryThreshold } from './slow-query-log.js';
import { startSubgraphServer } from './subgraph-server.js';
import type { SubgraphName } from './subgraph-registry.js';

/** What a subgraph is: its name, its database's migrations and seed, its resolvers. */
export interface SubgraphDefinition<DB, TContext extends BaseContext> {
  name: SubgraphName;
  migrations: Record<string, Migration>;
  seed: (trx: Kysely<DB>) => Promise<void>;
  /** Bumped by the subgraph when its generator changes (see seedOnce). */
  datasetVersion?: string;
  resolvers: unknown;
  /** The per-request context: fresh DataLoaders for every request, so no cache outlives it. */
  createContext: (db: Kysely<DB>, requestId: string) => TContext;
  /**
   * The upstream resources it imports (`npm run import`, and on a schedule when
   * GOVGRAPH_<NAME>_IMPORT_URL and GOVGRAPH_<NAME>_IMPORT_INTERVAL are set).
   */
  imports?: SubgraphImports<DB>;
}

export interface SubgraphStartOptions {
  /** 0 for an ephemeral port (tests); default from <NAME>_PORT or the registry. */
  port?: number;
  /** A SQLite file (or `:memory:`) instead of the default under the data folder. */
  file?: string;
  /** A `postgres://` URL instead of the environment's. */
  url?: string;
  /** Called once per SQL statement: query counting in tests. */
  onQuery?: (event: LogEvent) => void;
  log?: (message: string) => void;
  /** Log statements taking at least this many ms; null: none. Default from GOVGRAPH_SLOW_QUERY_MS. */
  slowQueryMs?: number | null;
}

export interface OpenSubgraphDatabase<DB> extends OpenDatabase<DB> {
  /** The migrations this open applied. */
  migrated: string[];
  /**
   * Starts the slow-query log (GOVGRAPH_SLOW_QUERY_MS): from now on every statement at or over the
   * threshold is logged. Called once the subgraph serves requests: migrations and the first seed
   * are slow by nature.
   */
  watchSlowQueries(): void;
}

export interface RunningSubgraph<DB> {
  url: string;
  port: number;
  db: Kysely<DB>;
  /** Stops the scheduled import (if any) and the server, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the subgraph's own database, creating and migrating it and, on first open, seeding it
 * with the embedded dataset — unless GOVGRAPH_SEED=false, for a database that real subsystems
 * fill through the importers. The subgraph boot and the import command both open it here.
 */
/** After a bulk load or new indexes: fresh planner statistics, so the first queries already use them. */
async function refreshPlannerStatistics(open: OpenDatabase<any>): Promise<void> {
  if (open.dialect === 'sqlite') {
    // A seed or a migration that rebuilt tables passed the whole database through the WAL: fold
    // it back now rather than keep a second copy on disk until the process ends. ANALYZE reads
    // every index in full unless limited; a sample is plenty for the planner.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(open.db);
    await sql`pragma analysis_limit = 2000`.execute(open.db);
  }
  await analyze(open.db);
}

export async function openSubgraphDatabase<DB>(
  definition: Pick<SubgraphDefinition<DB, BaseContext>, 'name' | 'migrations' | 'seed' | 'datasetVersion'>,
  options: Pick<SubgraphStartOptions, 'file' | 'url' | 'onQuery' | 'log' | 'slowQueryMs'> = {},
): Promise<OpenSubgraphDatabase<DB>> {
  const log = options.log ?? (() => {});
  const threshold = options.slowQueryMs !== undefined ? options.slowQueryMs : slowQueryThreshold();
  const slow = threshold === null ? undefined : slowQueryLogger(threshold, log);
  // Off until watchSlowQueries: migrations and the seed are slow by nature.
  let serving = false;
  const counter = options.onQuery;
  const onQuery =
    slow || counter
      ? (event: LogEvent) => {
          counter?.(event);
          if (serving) slow?.(event);
        }
      : undefined;
  const open = openDatabase<DB>({
    subgraph: definition.name,
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(onQuery ? { onQuery } : {}),
  });
  const { db } = open;
  try {
    await ensureSchema(open, definition.name);
    const migrated = await migrateToLatest(db, definition.migrations);
    if (process.env.GOVGRAPH_SEED === 'false') {
      if (migrated.length > 0) await refreshPlannerStatistics(open);
      return { ...open, migrated, watchSlowQueries: () => (serving = true) };
    }
    const seeded = await seedOnce(db, (trx) => definition.seed(trx), log, definition.datasetVersion ?? DATASET_VERSION);
    if (seeded === 'seeded' || migrated.length > 0) await refreshPlannerStatistics(open);
    return { ...open, migrated, watchSlowQueries: () => (serving = true) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * Opens the subgraph's own database (openSubgraphDatabase), then serves the subgraph, and imports
 * on a schedule when one is configured. The start command, the e2e tests and the unit tests all
 * boot through here.
 */
export async function startSubgraphWithDatabase<DB, TContext extends BaseContext>(
  definition: SubgraphDefinition<DB, TContext>,
  options: SubgraphStartOptions = {},
): Promise<RunningSubgraph<DB>> {
  const log = options.log ?? (() => {});
  const open = await openSubgraphDatabase(definition, options);
  const { db } = open;
  if (open.migrated.length > 0) log(`applied migrations ${open.migrated.join(', ')}`);
  let schedule: ImportSchedule | undefined;
  try {
    // Read before listening: a half-configured schedule stops the start with a clear message.
    const scheduled = definition.imports ? scheduleFromEnv(definition.name) : undefined;
    open.watchSlowQueries();
    const server = await startSubgraphServer<TContext>({
      name: definition.name,
      resolvers: definition.resolvers,
      context: async ({ requestId }) => definition.createContext(db, requestId),
      ...(options.port !== undefined ? { port: options.port } : {}),
      healthCheck: async () => {
        await sql`select 1`.execute(db);
      },
    });
    log(`database ${open.location}`);
    if (scheduled && definition.imports) {
      schedule = startImportSchedule({ db, imports: definition.imports, ...scheduled, log });
    }
    return {
      url: server.url,
      port: server.port,
      db,
      async close() {
        // The import first: it stops at a batch boundary and must still reach the database.
        await schedule?.stop();
        await server.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await schedule?.stop();
    await db.destroy();
    throw error;
  }
}
