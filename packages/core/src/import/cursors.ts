/**
 * The committed position of each resource and source (import_cursors). Every write happens in
 * the transaction of the batch it describes, so the position never runs ahead of, or behind,
 * what is in the tables.
 */
import type { Kysely } from 'kysely';
import type { ImportTables } from './tables.js';

export interface CursorState {
  /** Where an unfinished run stopped; null when the last run finished. */
  position: string | null;
  runSince: string | null;
  pendingHighWater: string | null;
  highWater: string | null;
}

type Key = { resource: string; source: string };

const now = () => new Date().toISOString();

/** The larger of two versions (text order is version order), ignoring nulls. */
export function newer(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

export async function readCursor(db: Kysely<ImportTables>, key: Key): Promise<CursorState | undefined> {
  const row = await db
    .selectFrom('import_cursors')
    .select(['position', 'run_since', 'pending_high_water', 'high_water'])
    .where('resource', '=', key.resource)
    .where('source', '=', key.source)
    .executeTakeFirst();
  return row && { position: row.position, runSince: row.run_since, pendingHighWater: row.pending_high_water, highWater: row.high_water };
}

/** Records what the starting run reads: from `position` (a resume) or the start, with `since`. */
export async function beginCursor(
  db: Kysely<ImportTables>,
  key: Key,
  run: { position: string | null; since: string | null; pendingHighWater: string | null },
): Promise<void> {
  const values = { position: run.position, run_since: run.since, pending_high_water: run.pendingHighWater, updated_at: now() };
  await db
    .insertInto('import_cursors')
    .values({ ...key, ...values, high_water: null })
    .onConflict((oc) => oc.columns(['resource', 'source']).doUpdateSet(values))
    .execute();
}

/** Moves the position past a committed batch, remembering the newest version it held. */
export async function advanceCursor(db: Kysely<ImportTables>, key: Key, position: string, pendingHighWater: string | null): Promise<void> {
  await db
    .updateTable('import_cursors')
    .set({ position, pending_high_water: pendingHighWater, updated_at: now() })
    .where('resource', '=', key.resource)
    .where('source', '=', key.source)
    .execute();
}

/** The run read everything: nothing to resume, and its newest version is the next `since`. */
export async function completeCursor(db: Kysely<ImportTables>, key: Key, pendingHighWater: string | null): Promise<void> {
  const current = await readCursor(db, key);
  await db
    .updateTable('import_cursors')
    .set({
      position: null,
      run_since: null,
      pending_high_water: null,
      high_water: newer(current?.highWater ?? null, pendingHighWater),
      updated_at: now(),
    })
    .where('resource', '=', key.resource)
    .where('source', '=', key.source)
    .execute();
}
