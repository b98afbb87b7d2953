import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent, type SqliteDatabase } from 'kysely';
import { dataDir } from './paths.js';
import { envName } from './subgraph-registry.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** The subgraph that owns the database; names the SQLite file and the PostgreSQL schema. */
  subgraph: string;
  /** A `postgres://` URL; default from GOVGRAPH_<SUBGRAPH>_DATABASE_URL or GOVGRAPH_DATABASE_URL. */
  url?: string;
  /** A SQLite file path (or `:memory:`); default `<data dir>/<subgraph>.sqlite`. */
  file?: string;
  /** Called once per SQL statement: query counting in tests, slow-query logging in production. */
  onQuery?: (event: LogEvent) => void;
}

export interface OpenDatabase<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it lives, for logs: a file path or a URL without its password. */
  location: string;
}

// PostgreSQL returns bigint counts and numeric sums as strings; every count and sum here is far
// below 2^53, so numbers are the honest type for them.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** The PostgreSQL schema a subgraph's tables live in (its name, as an unquoted identifier). */
export function postgresSchemaName(subgraph: string): string {
  return subgraph.replace(/[^a-z0-9]/gi, '_');
}

function postgresUrl(subgraph: string): string | undefined {
  return process.env[`GOVGRAPH_${envName(subgraph)}_DATABASE_URL`] ?? process.env.GOVGRAPH_DATABASE_URL;
}

/**
 * Opens a subgraph's own database: embedded SQLite by default, PostgreSQL when a URL is given.
 * Both go through the same Kysely query builder, so every query and migration is written once.
 */
export function openDatabase<DB>(options: DatabaseOptions): OpenDatabase<DB> {
  const url = options.url ?? (options.file ? undefined : postgresUrl(options.subgraph));
  const log = options.onQuery ? (event: LogEvent) => options.onQuery!(event) : undefined;
  if (url) {
    const schema = postgresSchemaName(options.subgraph);
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.GOVGRAPH_PG_POOL_SIZE ?? 10),
      // Each subgraph keeps to its own schema when several share one PostgreSQL database.
      options: `-c search_path=${schema},public`,
    });
    // A connection the pool holds idle can still fail (the server restarted, an administrator
    // ended it): pg reports that on the pool, and an 'error' event nobody listens to ends the
    // process. The pool drops the broken connection and opens a new one when next needed.
    pool.on('error', (error) => console.error(`[${options.subgraph}] idle PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return { db, dialect: 'postgres', location: url.replace(/:[^:@/]*@/, ':***@') };
  }
  const file = options.file ?? path.join(dataDir(), `${options.subgraph}.sqlite`);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets the subgraph read while an import writes; NORMAL sync is durable across a process
  // kill (only an OS crash can lose the last commits), which is the failure we guard against.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const database = withStatementCache(sqlite, STATEMENT_CACHE_SIZE);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), ...(log ? { log } : {}) });
  return { db, dialect: 'sqlite', location: file };
}

/** Distinct statements kept prepared per SQLite database: the queries a subgraph runs, and then some. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite dialect sees it, with its prepared statements kept and reused
 * by SQL text (least recently used dropped past `size`). Kysely prepares every statement anew,
 * and preparing costs as much as running a small query; for a seed's bulk insert, whose one
 * statement of 32,000 parameters is run hundreds of times, it was a quarter of the insert time.
 * SQLite re-prepares a kept statement by itself when the schema changes under it.
 */
export function withStatementCache(sqlite: Database.Database, size: number): SqliteDatabase {
  const prepared = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = prepared.get(sqlText);
      if (statement) {
        prepared.delete(sqlText); // re-inserted below: the Map's order is the recency order
      } else {
        statement = sqlite.prepare(sqlText);
        if (prepared.size >= size) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(sqlText, statement);
      return statement;
    },
  };
}

/** Creates the subgraph's PostgreSQL schema before migrations run; a no-op on SQLite. */
export async function ensureSchema<DB>(open: OpenDatabase<DB>, subgraph: string): Promise<void> {
  if (open.dialect !== 'postgres') return;
  await open.db.schema.createSchema(postgresSchemaName(subgraph)).ifNotExists().execute();
}

/**
 * Which dialect a Kysely instance speaks, read off its query compiler (a parameter is `?` on
 * SQLite, `$1` on PostgreSQL). For the rare DDL that differs, in migrations, which receive only
 * the Kysely instance.
 */
export function dialectOf(db: Kysely<any>): Dialect {
  return sql`${0}`.compile(db).sql === '$1' ? 'postgres' : 'sqlite';
}

/**
 * Makes a transaction its database's only writer until it ends. SQLite admits one writer at a
 * time by design; on PostgreSQL two import batches at once (a scheduled import and the import
 * command, or a retry of quarantined records) would each read the rows as they were before the
 * other, then write the same derived rows (a rollup's day, month, year) and collide or undo each
 * other's counts. A lock per schema, held until commit: other subgraphs in the same database
 * write on.
 */
export async function lockForWriting(trx: Kysely<any>): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(current_schema()))`.execute(trx);
}
