/**
 * Runs one import: one resource from one source (a REST API or an export file) into the
 * subgraph's database, in batches. Each batch is validated and de-duplicated, then written in ONE
 * transaction together with its quarantined records, the source position after it and the run's
 * counters — so a process killed at any moment leaves the database at a batch boundary, and the
 * next run resumes exactly there: nothing lost, nothing written twice. Writes are upserts by
 * natural key where the newest version wins, so importing the same data again changes nothing.
 */
import type { Kysely } from 'kysely';
import { prepareBatch, writeBatch } from './batch.js';
import { advanceCursor, beginCursor, completeCursor, newer, readCursor } from './cursors.js';
import { fileSource, type FileEncoding, type FileFormat } from './file-source.js';
import { quarantineRecords } from './quarantine.js';
import type { AnyImportResource } from './resource.js';
import { restSource } from './rest-source.js';
import { addToRun, closeRun, openRun, type ImportRunRow } from './run-log.js';
import { ImportSourceError, type RawRecord, type RecordSource } from './source.js';
import type { ImportTables } from './tables.js';
import type { JsonClient, RestOptions } from './upstream-request.js';

export const DEFAULT_BATCH_SIZE = 500;

const STOPPED = 'stopped before the end; the next run resumes from the last committed batch';

/** Where records come from: a subsystem's base URL (the resource's restPath is appended), or a file. */
export type ImportFrom =
  | { url: string; rest?: RestOptions; client?: JsonClient }
  | { file: string; format?: FileFormat; encoding?: FileEncoding };

export interface RunImportOptions<DB> {
  db: Kysely<DB>;
  resource: AnyImportResource<DB>;
  from: ImportFrom;
  /** Only records changed at or after this instant (REST `since`). */
  since?: string;
  /** Without `since`: continue from the newest version the last finished run committed. */
  incremental?: boolean;
  /** Records per transaction. Default 500. */
  batchSize?: number;
  /** Stops the run at the next batch boundary (SIGTERM); it resumes from there next time. */
  signal?: AbortSignal;
  /** Called after a run that inserted or updated records, e.g. to drop cached answers. */
  onCommitted?: (summary: ImportSummary) => void | Promise<void>;
  log?: (message: string) => void;
}

export interface ImportSummary {
  runId: number;
  resource: string;
  source: string;
  since: string | null;
  status: 'SUCCEEDED' | 'FAILED';
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** The committed position this run continued from, when it resumed an interrupted one. */
  resumedFrom: string | null;
  error: string | null;
  /** Why a FAILED run failed: the source, a stop request, or anything else (a bug, the database). */
  failure: 'source' | 'stopped' | 'internal' | null;
  startedAt: string;
  finishedAt: string;
}

export function sourceFor(
  resource: Pick<AnyImportResource<unknown>, 'name' | 'restPath' | 'pagination'>,
  from: ImportFrom,
  since: string | undefined,
  batchSize: number,
): RecordSource {
  if ('url' in from) {
    return restSource({
      ...from.rest,
      pageSize: from.rest?.pageSize ?? batchSize,
      baseUrl: from.url,
      resource,
      ...(since !== undefined ? { since } : {}),
      ...(from.client ? { client: from.client } : {}),
    });
  }
  return fileSource({ file: from.file, format: from.format, encoding: from.encoding, chunkSize: batchSize });
}

/** The summary of a closed run, from its row. */
export function summaryOf(run: ImportRunRow, failure: ImportSummary['failure']): ImportSummary {
  return {
    runId: run.id,
    resource: run.resource,
    source: run.source,
    since: run.since,
    status: run.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
    inserted: run.inserted,
    updated: run.updated,
    unchanged: run.unchanged,
    quarantined: run.quarantined,
    resumedFrom: run.resumed_from,
    error: run.error,
    failure,
    startedAt: run.started_at,
    finishedAt: run.finished_at ?? run.heartbeat_at,
  };
}

export async function runImport<DB>(options: RunImportOptions<DB>): Promise<ImportSummary> {
  const { resource, signal } = options;
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // The import tables are in every subgraph's database (importMigrations), not in its own type.
  const db = options.db as unknown as Kysely<ImportTables>;
  // The source's name (its URL or absolute path) identifies the cursor; since is not part of it.
  const sourceName = sourceFor(resource, options.from, undefined, batchSize).name;
  const key = { resource: resource.name, source: sourceName };

  const runId = await openRun(db, key);
  let failure: ImportSummary['failure'] = null;
  let error: string | null = null;
  try {
    // Resume an unfinished run only if it read the same set of records (same since).
    const cursor = await readCursor(db, key);
    let since = options.since ?? (options.incremental ? (cursor?.highWater ?? undefined) : undefined);
    const unfinished = cursor?.position != null ? cursor : undefined;
    const resuming = unfinished && (options.since === undefined ? options.incremental || unfinished.runSince === null : unfinished.runSince === options.since);
    if (resuming) since = unfinished.runSince ?? undefined;
    const resumeFrom = resuming ? unfinished.position : null;
    let pendingHighWater = resuming ? unfinished.pendingHighWater : null;
    await db.transaction().execute(async (trx) => {
      await beginCursor(trx, key, { position: resumeFrom, since: since ?? null, pendingHighWater });
      await trx.updateTable('import_runs').set({ since: since ?? null, resumed_from: resumeFrom }).where('id', '=', runId).execute();
    });
    if (resumeFrom) log(`${resource.name}: resuming run of ${sourceName} from ${resumeFrom}`);

    const source = sourceFor(resource, options.from, since, batchSize);
    /** Writes one batch, its quarantine, position and counters in one transaction; `last` also closes the run. */
    const commit = async (raws: RawRecord[], position: string | null, last: boolean): Promise<void> => {
      const prepared = prepareBatch(resource, raws);
      pendingHighWater = newer(pendingHighWater, prepared.newestVersion);
      await options.db.transaction().execute(async (trx) => {
        const written = await writeBatch(trx, resource, prepared.candidates);
        const importTrx = trx as unknown as Kysely<ImportTables>;
        const rejected = [...prepared.rejected, ...written.rejected];
        await quarantineRecords(importTrx, { id: runId, resource: resource.name }, rejected);
        await addToRun(importTrx, runId, {
          inserted: written.inserted,
          updated: written.updated,
          unchanged: written.unchanged + prepared.superseded,
          quarantined: rejected.length,
        });
        if (last) {
          await completeCursor(importTrx, key, pendingHighWater);
          await closeRun(importTrx, runId, null);
        } else if (position !== null) {
          await advanceCursor(importTrx, key, position, pendingHighWater);
        }
      });
    };

    let pending: RawRecord[] = [];
    let position: string | null = null;
    for await (const chunk of source.chunks(resumeFrom ?? undefined, signal)) {
      pending.push(...chunk.records);
      position = chunk.position;
      if (pending.length >= batchSize) {
        await commit(pending, position, false);
        pending = [];
      }
      if (signal?.aborted) break;
    }
    if (signal?.aborted) {
      if (pending.length > 0) await commit(pending, position, false);
      failure = 'stopped';
      error = STOPPED;
    } else {
      await commit(pending, position, true);
    }
  } catch (caught) {
    failure = signal?.aborted ? 'stopped' : caught instanceof ImportSourceError ? 'source' : 'internal';
    error = failure === 'stopped' ? STOPPED : caught instanceof Error ? caught.message : String(caught);
  }

  const run =
    failure === null
      ? await db.selectFrom('import_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()
      : await closeRun(db, runId, error);
  const summary = summaryOf(run, failure);
  log(
    `${resource.name}: ${summary.status.toLowerCase()} — ${summary.inserted} inserted, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.quarantined} quarantined${summary.error ? ` (${summary.error})` : ''}`,
  );
  if (summary.inserted + summary.updated > 0 && options.onCommitted) {
    try {
      await options.onCommitted(summary);
    } catch (hookError) {
      // The data is committed either way; a failed notification must not turn the run into a failure.
      log(`${resource.name}: onCommitted failed: ${hookError instanceof Error ? hookError.message : String(hookError)}`);
    }
  }
  return summary;
}
