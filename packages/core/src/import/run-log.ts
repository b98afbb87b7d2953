/**
 * The run log (import_runs): a row per run, counters added with every committed batch, and the
 * guard that keeps two runs of the same resource and source from overlapping. A run left RUNNING
 * by a process that died (SIGKILL, power cut) is recognised — its process is gone, or it has
 * not been heard from for a while — and closed as FAILED when the next run starts.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Selectable } from 'kysely';
import type { UpsertCounts } from './resource.js';
import type { ImportRunTable, ImportTables } from './tables.js';

export type ImportRunRow = Selectable<ImportRunTable>;

/** A run on another machine not heard from (no committed batch) for this long is taken as dead. */
export const STALE_RUN_MS = 15 * 60_000;

/** Another run of the same resource and source is still going. */
export class ImportBusyError extends Error {
  constructor(readonly run: ImportRunRow) {
    super(
      `an import of ${run.resource} from ${run.source} is already running (run ${run.id}, pid ${run.pid} on ${run.host}, started ${run.started_at})`,
    );
    this.name = 'ImportBusyError';
  }
}

const now = () => new Date().toISOString();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process, among all that ever ran with its process id (a container's pid 1 restarts). */
const INSTANCE = randomUUID();

/** Why a RUNNING run is dead, or undefined when it may still be going. */
function deathOf(run: ImportRunRow, at: number): string | undefined {
  if (run.host === hostname()) {
    // Our own process id on a run another instance opened: an earlier process with the same id
    // (a container's pid 1 before a restart) died with it running.
    const alive = run.instance === INSTANCE || (run.pid !== process.pid && processAlive(run.pid));
    return alive ? undefined : `interrupted: process ${run.pid} ended without finishing the run`;
  }
  const silentFor = at - Date.parse(run.heartbeat_at);
  return silentFor > STALE_RUN_MS ? `interrupted: no sign of life from ${run.host} since ${run.heartbeat_at}` : undefined;
}

/**
 * Closes dead runs of this resource and source, then opens a new one. Throws ImportBusyError when
 * a live one exists (the unique index on RUNNING rows settles a race between two starters).
 * Not inside a transaction: on PostgreSQL the losing insert would abort it.
 */
export async function openRun(db: Kysely<ImportTables>, fields: { resource: string; source: string }): Promise<number> {
  const running = await db
    .selectFrom('import_runs')
    .selectAll()
    .where('status', '=', 'RUNNING')
    .where('resource', '=', fields.resource)
    .where('source', '=', fields.source)
    .execute();
  const at = Date.now();
  for (const run of running) {
    const death = deathOf(run, at);
    if (!death) throw new ImportBusyError(run);
    await db.updateTable('import_runs').set({ status: 'FAILED', finished_at: now(), error: death }).where('id', '=', run.id).execute();
  }
  const started = now();
  try {
    const { id } = await db
      .insertInto('import_runs')
      .values({
        ...fields,
        since: null,
        resumed_from: null,
        started_at: started,
        heartbeat_at: started,
        status: 'RUNNING',
        inserted: 0,
        updated: 0,
        unchanged: 0,
        quarantined: 0,
        error: null,
        finished_at: null,
        host: hostname(),
        pid: process.pid,
        instance: INSTANCE,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  } catch (error) {
    const winner = await db
      .selectFrom('import_runs')
      .selectAll()
      .where('status', '=', 'RUNNING')
      .where('resource', '=', fields.resource)
      .where('source', '=', fields.source)
      .executeTakeFirst();
    if (winner) throw new ImportBusyError(winner);
    throw error;
  }
}

export interface RunProgress extends UpsertCounts {
  quarantined: number;
}

/** Adds one batch's counts to the run (in the batch's transaction) and records a sign of life. */
export async function addToRun(db: Kysely<ImportTables>, id: number, progress: RunProgress): Promise<void> {
  await db
    .updateTable('import_runs')
    .set((eb) => ({
      inserted: eb('inserted', '+', progress.inserted),
      updated: eb('updated', '+', progress.updated),
      unchanged: eb('unchanged', '+', progress.unchanged),
      quarantined: eb('quarantined', '+', progress.quarantined),
      heartbeat_at: now(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function closeRun(db: Kysely<ImportTables>, id: number, error: string | null): Promise<ImportRunRow> {
  const finished = now();
  return db
    .updateTable('import_runs')
    .set({ status: error === null ? 'SUCCEEDED' : 'FAILED', finished_at: finished, heartbeat_at: finished, error })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
