/**
 * Re-runs quarantined records after a fix (a corrected importer, a department now known): each
 * stored record is validated again against the resource's current schema and references; those
 * that pass are written as any import writes them and marked RESOLVED, those that still fail
 * stay OPEN with the new reason. Each resource's retry is a run of its own (source `quarantine`),
 * in batches, each batch one transaction.
 */
import type { Kysely } from 'kysely';
import { prepareBatch, writeBatch } from './batch.js';
import { openQuarantined, type QuarantineQuery, type QuarantineRow } from './admin-queries.js';
import type { AnyImportResource } from './resource.js';
import { addToRun, closeRun, openRun, type ImportRunRow } from './run-log.js';
import { DEFAULT_BATCH_SIZE, summaryOf } from './runner.js';
import type { RawRecord } from './source.js';
import type { SubgraphImports } from './subgraph-imports.js';
import type { ImportTables } from './tables.js';

export const QUARANTINE_SOURCE = 'quarantine';

export interface RetryQuarantinedOptions<DB> {
  db: Kysely<DB>;
  imports: SubgraphImports<DB>;
  query: QuarantineQuery;
  /** At most this many records, oldest first. */
  limit: number;
  batchSize?: number;
}

export interface RetryOutcome {
  runs: ImportRunRow[];
  /** Every record retried, as it stands afterwards. */
  records: QuarantineRow[];
  resolved: number;
  stillQuarantined: number;
}

function rawOf(row: QuarantineRow): RawRecord {
  const location = { source: row.source, ...(row.page !== null ? { page: row.page } : {}), ...(row.line !== null ? { line: row.line } : {}) };
  if (row.record_json === null) {
    return {
      text: row.raw_text,
      location,
      unparsable: `${row.reason} (the line itself is broken: correct the source and import it again)`,
    };
  }
  return { text: row.raw_text, location, value: JSON.parse(row.record_json) as unknown };
}

async function retryResource<DB>(
  options: RetryQuarantinedOptions<DB>,
  resource: AnyImportResource<DB>,
  rows: QuarantineRow[],
): Promise<ImportRunRow> {
  const db = options.db as unknown as Kysely<ImportTables>;
  const runId = await openRun(db, { resource: resource.name, source: QUARANTINE_SOURCE });
  let error: string | null = null;
  try {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const idOf = new Map<RawRecord, number>();
      const raws = batch.map((row) => {
        const raw = rawOf(row);
        idOf.set(raw, row.id);
        return raw;
      });
      const prepared = prepareBatch(resource, raws);
      await options.db.transaction().execute(async (trx) => {
        const written = await writeBatch(trx, resource, prepared.candidates);
        const importTrx = trx as unknown as Kysely<ImportTables>;
        const failing = [...prepared.rejected, ...written.rejected];
        const at = new Date().toISOString();
        for (const entry of failing) {
          await importTrx.updateTable('import_quarantine').set({ reason: entry.reason }).where('id', '=', idOf.get(entry.raw)!).execute();
        }
        const failed = new Set(failing.map((entry) => idOf.get(entry.raw)!));
        // Written, or superseded in the batch by a newer version of the same key: dealt with.
        const resolved = batch.map((row) => row.id).filter((id) => !failed.has(id));
        if (resolved.length > 0) {
          await importTrx
            .updateTable('import_quarantine')
            .set({ status: 'RESOLVED', resolved_at: at, resolved_by_run: runId })
            .where('id', 'in', resolved)
            .execute();
        }
        await addToRun(importTrx, runId, {
          inserted: written.inserted,
          updated: written.updated,
          unchanged: written.unchanged + prepared.superseded,
          quarantined: failing.length,
        });
      });
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return closeRun(db, runId, error);
}

export async function retryQuarantined<DB>(options: RetryQuarantinedOptions<DB>): Promise<RetryOutcome> {
  const db = options.db as unknown as Kysely<ImportTables>;
  const rows = await openQuarantined(db, options.query, options.limit);
  const runs: ImportRunRow[] = [];
  for (const resource of options.imports.resources) {
    const mine = rows.filter((row) => row.resource === resource.name);
    if (mine.length === 0) continue;
    const run = await retryResource(options, resource, mine);
    runs.push(run);
    if (run.inserted + run.updated > 0) await notify(options.imports, run);
  }
  const after = rows.length === 0 ? [] : await db.selectFrom('import_quarantine').selectAll().where('id', 'in', rows.map((r) => r.id)).orderBy('id', 'asc').execute();
  const resolved = after.filter((r) => r.status === 'RESOLVED').length;
  return { runs, records: after, resolved, stillQuarantined: after.length - resolved };
}

async function notify<DB>(imports: SubgraphImports<DB>, run: ImportRunRow): Promise<void> {
  try {
    await imports.onCommitted?.(summaryOf(run, run.error ? 'internal' : null));
  } catch (error) {
    // The records are written; a failed notification must not turn the answer into an error.
    console.warn(`[import] onCommitted failed after run ${run.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
