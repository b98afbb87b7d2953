/**
 * The write every importer's `upsert` needs: rows keyed by a natural key, each carrying the
 * upstream's version (an ISO timestamp compared as text). A key not stored yet is inserted; a
 * stored row is replaced only by a newer version (a stored version of null, e.g. a seeded row
 * nobody imported, counts as older than any); anything else is left alone, so importing the same
 * data twice, or an old version after a new one, changes nothing.
 */
import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { bulkInsert } from '../seeding.js';
import type { UpsertCounts } from './resource.js';

export interface VersionedTable<TTable extends string> {
  table: TTable;
  /** The natural key's columns. */
  key: readonly string[];
  /** The column holding the upstream version. */
  version: string;
}

/**
 * `(c1, c2, …) in ((v1, v2, …), …)`: a batch of composite keys in one condition. Row values work
 * the same in SQLite and PostgreSQL; every value is a bound parameter.
 */
export function keysIn(columns: readonly string[], keys: readonly (readonly unknown[])[]): RawBuilder<boolean> {
  if (keys.length === 0) return sql<boolean>`1 = 0`;
  const values = sql.join(keys.map((key) => sql`(${sql.join(key)})`));
  return sql<boolean>`(${sql.join(columns.map((column) => sql.ref(column)))}) in (${values})`;
}

/**
 * Keys looked up per statement: a few thousand bound parameters, well within SQLite's and
 * PostgreSQL's limits, whatever the key's width.
 */
export const KEYS_PER_LOOKUP = 500;

/** Writes `rows` (complete rows of `table`) by natural key, newest version winning. */
export async function upsertNewerVersions<DB, TTable extends keyof DB & string>(
  trx: Transaction<DB>,
  { table, key, version }: VersionedTable<TTable>,
  tableRows: readonly Insertable<DB[TTable]>[],
): Promise<UpsertCounts> {
  const rows = tableRows as readonly Record<string, unknown>[];
  const keyOf = (row: Record<string, unknown>) => JSON.stringify(key.map((column) => row[column]));
  const versionOf = (row: Record<string, unknown>) => row[version] as string | null;

  // The same key twice in one batch: the newer version is the one to write, the other is as if
  // it had arrived afterwards and changed nothing.
  const latest = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const seen = latest.get(keyOf(row));
    if (!seen || (versionOf(row) ?? '') > (versionOf(seen) ?? '')) latest.set(keyOf(row), row);
  }
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: rows.length - latest.size };

  // The table is named at run time, so the typed builder cannot check its columns here; the
  // caller's TTable still ties `table` to the database type.
  const db = trx as unknown as Kysely<any>;
  const tableName: string = table;
  const stored = new Map<string, string | null>();
  const candidates = [...latest.values()];
  for (let i = 0; i < candidates.length; i += KEYS_PER_LOOKUP) {
    const slice = candidates.slice(i, i + KEYS_PER_LOOKUP);
    const found = await db
      .selectFrom(tableName)
      .select([...key, version])
      .where(keysIn(key, slice.map((row) => key.map((column) => row[column]))))
      .execute();
    for (const row of found) stored.set(keyOf(row), versionOf(row));
  }

  const inserts: Record<string, unknown>[] = [];
  for (const [id, row] of latest) {
    if (!stored.has(id)) {
      inserts.push(row);
      counts.inserted++;
      continue;
    }
    const storedVersion = stored.get(id);
    if (storedVersion != null && storedVersion >= (versionOf(row) ?? '')) {
      counts.unchanged++;
      continue;
    }
    let update = db.updateTable(tableName).set(row);
    for (const column of key) update = update.where(column, '=', row[column]);
    await update.execute();
    counts.updated++;
  }
  await bulkInsert(db, tableName, inserts);
  return counts;
}
