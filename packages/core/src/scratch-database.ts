import type { Kysely, LogEvent, Migration } from 'kysely';
import { ensureSchema, openDatabase } from './database.js';
import { migrateToLatest } from './migrations.js';

/**
 * Where the unit tests' databases go instead of in-memory SQLite: a PostgreSQL database URL. The
 * PostgreSQL test runs set it (packages/local-stack/src/postgres-test-setup.ts), so the same tests
 * prove the same SQL on both.
 */
export const TEST_DATABASE_URL_VARIABLE = 'GOVGRAPH_TEST_DATABASE_URL';

let opened = 0;

export interface ScratchDatabaseOptions {
  /** The subgraph whose migrations these are (names the PostgreSQL schema, with a unique suffix). */
  subgraph: string;
  migrations: Record<string, Migration>;
  /** Called once per SQL statement: query counting. */
  onQuery?: (event: LogEvent) => void;
}

/**
 * A fresh, empty, migrated database for one test: in-memory SQLite, or, under
 * GOVGRAPH_TEST_DATABASE_URL, a new schema of its own in that PostgreSQL database, as isolated
 * from every other test's as a new in-memory database is.
 */
export async function openScratchDatabase<DB>(options: ScratchDatabaseOptions): Promise<Kysely<DB>> {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  const onQuery = options.onQuery ? { onQuery: options.onQuery } : {};
  if (!url) {
    const { db } = openDatabase<DB>({ subgraph: options.subgraph, file: ':memory:', ...onQuery });
    await migrateToLatest(db, options.migrations);
    return db;
  }
  const schema = `${options.subgraph}_${process.pid}_${++opened}`;
  const open = openDatabase<DB>({ subgraph: schema, url, ...onQuery });
  await ensureSchema(open, schema);
  await migrateToLatest(open.db, options.migrations);
  return open.db;
}
