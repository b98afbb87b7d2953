/**
 * Writes rejected records to import_quarantine, in the transaction of their batch: the record as
 * read, where it came from (source, page or line) and why it was rejected.
 */
import type { Kysely } from 'kysely';
import { bulkInsert } from '../seeding.js';
import type { RawRecord } from './source.js';
import type { ImportTables } from './tables.js';

export interface QuarantineEntry {
  raw: RawRecord;
  /** The record's natural key, when it could be read. */
  naturalKey: string | null;
  reason: string;
}

export async function quarantineRecords(
  db: Kysely<ImportTables>,
  run: { id: number; resource: string },
  entries: readonly QuarantineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  await bulkInsert(
    db,
    'import_quarantine',
    entries.map(({ raw, naturalKey, reason }) => ({
      run_id: run.id,
      resource: run.resource,
      source: raw.location.source,
      page: raw.location.page ?? null,
      line: raw.location.line ?? null,
      raw_text: raw.text,
      record_json: raw.value === undefined ? null : JSON.stringify(raw.value),
      natural_key: naturalKey,
      reason,
      status: 'OPEN',
      quarantined_at: at,
      resolved_at: null,
      resolved_by_run: null,
    })),
  );
}
