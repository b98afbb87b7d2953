/**
 * Reads behind the import status in the graph: the latest runs of a resource, and quarantined
 * records filtered and paged newest first (keyset on id, so page 500 costs what page 1 does).
 */
import type { Kysely, Selectable } from 'kysely';
import type { ImportRunRow } from './run-log.js';
import type { ImportQuarantineTable, ImportTables, QuarantineStatus } from './tables.js';

export type QuarantineRow = Selectable<ImportQuarantineTable>;

export interface QuarantineQuery {
  ids?: readonly number[];
  runId?: number;
  resource?: string;
  status?: QuarantineStatus;
}

export async function recentRuns(db: Kysely<ImportTables>, resource: string, limit: number): Promise<ImportRunRow[]> {
  return db.selectFrom('import_runs').selectAll().where('resource', '=', resource).orderBy('id', 'desc').limit(limit).execute();
}

export async function runsById(db: Kysely<ImportTables>, ids: readonly number[]): Promise<Map<number, ImportRunRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('import_runs').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function filtered(db: Kysely<ImportTables>, query: QuarantineQuery) {
  let rows = db.selectFrom('import_quarantine');
  if (query.ids) rows = rows.where('id', 'in', query.ids.length > 0 ? [...query.ids] : [-1]);
  if (query.runId !== undefined) rows = rows.where('run_id', '=', query.runId);
  if (query.resource !== undefined) rows = rows.where('resource', '=', query.resource);
  if (query.status !== undefined) rows = rows.where('status', '=', query.status);
  return rows;
}

/** Up to `limit` records after (older than) `beforeId`, newest first. */
export async function quarantinePage(
  db: Kysely<ImportTables>,
  query: QuarantineQuery,
  limit: number,
  beforeId?: number,
): Promise<QuarantineRow[]> {
  let rows = filtered(db, query).selectAll();
  if (beforeId !== undefined) rows = rows.where('id', '<', beforeId);
  return rows.orderBy('id', 'desc').limit(limit).execute();
}

export async function quarantineCount(db: Kysely<ImportTables>, query: QuarantineQuery): Promise<number> {
  const row = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The oldest open records matching `query`, at most `limit`: what a retry works through. */
export async function openQuarantined(db: Kysely<ImportTables>, query: QuarantineQuery, limit: number): Promise<QuarantineRow[]> {
  return filtered(db, { ...query, status: 'OPEN' }).selectAll().orderBy('id', 'asc').limit(limit).execute();
}
