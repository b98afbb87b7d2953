import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { dialectOf } from './database.js';

/**
 * Applies a subgraph's migrations (named so that they sort in order, e.g. `0001_init`) and returns
 * the names of those it applied. Kysely records applied ones in its own table and takes a lock,
 * so two processes starting at once do not both migrate. Core's shared sets (the import tables,
 * `0900_…`) sort after a subgraph's first migrations, so a migration the subgraph adds later
 * (`0003_…`) sorts before one already applied: unordered application lets it run instead of
 * refusing the database.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // On PostgreSQL several subgraphs may share one database, a schema each. Kysely looks for its
  // bookkeeping tables by name in any schema unless told which: the second subgraph would find the
  // first one's and never create its own. Each keeps them in its own schema, the first of its
  // search_path (set by openDatabase).
  const migrationTableSchema =
    dialectOf(db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema : undefined;
  const { error, results } = await new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  /** The migrations this call applied (none when the database was up to date). */
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
