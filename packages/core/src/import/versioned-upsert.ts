/**
 * "Newest version wins", decided once for every importer. Rows are keyed by a natural key and
 * carry the upstream's version (an ISO instant in one offset, so text order is time order). A
 * key not stored yet is inserted; a stored row is replaced only by a newer version (a stored
 * version of null, e.g. a seeded row nobody imported, counts as older than any); anything else is
 * left alone, so importing the same data twice, or an old version after a new one, changes nothing.
 *
 * Three steps, each usable alone: `planUpsert` decides (pure), `planNewerVersions` reads the
 * stored versions and decides, `writeUpsertPlan` writes what was decided; `upsertNewerVersions`
 * is all of them for an importer whose records map one to one onto rows of one table.
 */
import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { bulkInsert } from '../seeding.js';
import type { UpsertCounts } from './resource.js';

export interface UpsertPlan<TRecord> {
  /** Records whose key is not stored yet. */
  inserts: TRecord[];
  /** Records newer than the stored row of their key. */
  updates: TRecord[];
  /** Counts for the run log: duplicates within the batch and stale versions count as unchanged. */
  counts: UpsertCounts;
}

/**
 * Sorts a batch against the stored versions (`stored`: key → version; null for a row that holds
 * no upstream version, which any imported version replaces). When a key occurs twice in the
 * batch, only its newest record is written (of equal versions the later one, as it would be had
 * it come in a later batch). The counts add up to the batch size, as the runner requires.
 */
export function planUpsert<TRecord>(
  records: readonly TRecord[],
  key: (record: TRecord) => string,
  version: (record: TRecord) => string,
  stored: ReadonlyMap<string, string | null>,
): UpsertPlan<TRecord> {
  const newest = new Map<string, TRecord>();
  for (const record of records) {
    const k = key(record);
    const seen = newest.get(k);
    if (seen === undefined || version(record) >= version(seen)) newest.set(k, record);
  }
  const inserts: TRecord[] = [];
  const updates: TRecord[] = [];
  for (const [k, record] of newest) {
    if (!stored.has(k)) inserts.push(record);
    else {
      const storedVersion = stored.get(k);
      if (storedVersion == null || version(record) > storedVersion) updates.push(record);
    }
  }
  return {
    inserts,
    updates,
    counts: { inserted: inserts.length, updated: updates.length, unchanged: records.length - inserts.length - updates.length },
  };
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

/** `items` in slices of at most `size` (default KEYS_PER_LOOKUP), for lookups by many keys. */
export function inSlices<T>(items: readonly T[], size = KEYS_PER_LOOKUP): T[][] {
  const slices: T[][] = [];
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
  return slices;
}

/** Rows per upsert statement stay below SQLite's bound-parameter limit (as bulkInsert's do). */
const MAX_PARAMETERS = 30_000;

type Columns<DB, TTable extends keyof DB> = keyof DB[TTable] & string;

export interface VersionedTable<DB, TTable extends keyof DB & string> {
  table: TTable;
  /** The natural key's columns; they must carry a primary key or unique index (the upsert's conflict target). */
  key: readonly Columns<DB, TTable>[];
  /** The column holding the upstream version. */
  version: Columns<DB, TTable>;
  /** More stored columns to read with the versions, for an importer that needs the replaced values. */
  alsoRead?: readonly Columns<DB, TTable>[];
}

export interface StoredUpsertPlan<TRow> extends UpsertPlan<TRow> {
  /** The stored rows of the batch's keys (key columns, version and `alsoRead`), by `keyOf`. */
  stored: ReadonlyMap<string, Record<string, unknown>>;
  /** A row's natural key as the `stored` map holds it. */
  keyOf(row: TRow): string;
}

/**
 * The plan for `rows` (complete rows of `table`) against what the table holds: the stored
 * versions of their keys are read in slices of KEYS_PER_LOOKUP, inside the caller's transaction.
 */
export async function planNewerVersions<DB, TTable extends keyof DB & string, TRow extends Insertable<DB[TTable]>>(
  trx: Kysely<DB> | Transaction<DB>,
  spec: VersionedTable<DB, TTable>,
  rows: readonly TRow[],
): Promise<StoredUpsertPlan<TRow>> {
  const { key, version } = spec;
  const columnsOf = (row: unknown) => row as Record<string, unknown>;
  const keyOf = (row: unknown) => JSON.stringify(key.map((column) => columnsOf(row)[column]));
  // The table is named at run time, so the typed builder cannot check the columns here; the
  // spec's types tie them to the database type.
  const db = trx as unknown as Kysely<any>;
  const table: string = spec.table;
  const stored = new Map<string, Record<string, unknown>>();
  const distinct = [...new Map(rows.map((row) => [keyOf(row), key.map((column) => columnsOf(row)[column])])).values()];
  for (const slice of inSlices(distinct)) {
    const found = await db
      .selectFrom(table)
      .select([...new Set<string>([...key, version, ...(spec.alsoRead ?? [])])])
      .where(keysIn(key, slice))
      .execute();
    for (const row of found) stored.set(keyOf(row), row);
  }
  const versions = new Map([...stored].map(([k, row]) => [k, (row[version] as string | null) ?? null]));
  const plan = planUpsert(rows, keyOf, (row) => (columnsOf(row)[version] as string | null) ?? '', versions);
  return { ...plan, stored, keyOf };
}

/**
 * Writes a plan: its inserts in bulk, its updates as upserts on the natural key that replace
 * every column but the key. The updates repeat the plan's version test in SQL,
 * so another writer that got in first is never rolled back.
 */
export async function writeUpsertPlan<DB, TTable extends keyof DB & string>(
  trx: Kysely<DB> | Transaction<DB>,
  spec: VersionedTable<DB, TTable>,
  plan: Pick<UpsertPlan<Insertable<DB[TTable]>>, 'inserts' | 'updates'>,
): Promise<void> {
  const db = trx as unknown as Kysely<any>;
  const table: string = spec.table;
  await bulkInsert(db, table, plan.inserts as readonly Record<string, unknown>[]);
  if (plan.updates.length === 0) return;
  const columns = Object.keys(plan.updates[0]!);
  const replaced = columns.filter((column) => !(spec.key as readonly string[]).includes(column));
  const current = `${table}.${spec.version}`;
  for (const slice of inSlices(plan.updates, Math.max(1, Math.floor(MAX_PARAMETERS / columns.length)))) {
    await db
      .insertInto(table)
      .values(slice)
      .onConflict((oc) =>
        oc
          .columns(spec.key)
          .doUpdateSet(Object.fromEntries(replaced.map((column) => [column, sql.ref(`excluded.${column}`)])))
          .where((eb) => eb.or([eb(current, 'is', null), eb(current, '<', eb.ref(`excluded.${spec.version}`))])),
      )
      .execute();
  }
}

/** Plans and writes `rows` (complete rows of `table`) by natural key, newest version winning. */
export async function upsertNewerVersions<DB, TTable extends keyof DB & string, TRow extends Insertable<DB[TTable]>>(
  trx: Kysely<DB> | Transaction<DB>,
  spec: VersionedTable<DB, TTable>,
  rows: readonly TRow[],
): Promise<StoredUpsertPlan<TRow>> {
  const plan = await planNewerVersions(trx, spec, rows);
  await writeUpsertPlan(trx, spec, plan);
  return plan;
}
