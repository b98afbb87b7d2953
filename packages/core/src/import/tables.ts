/**
 * The import runner's own tables, present in every subgraph's database (migrations.ts). Instants
 * are ISO text in UTC (`…Z`): they say when GovGraph did something, not when a hotline call
 * happened, so they need no local offset.
 */
import type { Generated } from 'kysely';

export type ImportRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type QuarantineStatus = 'OPEN' | 'RESOLVED';

/** One run of one resource from one source: what it read, what it changed, how it ended. */
export interface ImportRunTable {
  id: Generated<number>;
  resource: string;
  /** The URL or file read; `quarantine` for a re-run of quarantined records. */
  source: string;
  /** The `since` passed upstream (REST), if any. */
  since: string | null;
  started_at: string;
  finished_at: string | null;
  /** Last sign of life (start, every committed batch): tells a stalled run from a live one. */
  heartbeat_at: string;
  status: ImportRunStatus;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  error: string | null;
  /** The committed position this run resumed from, when it continued an interrupted run. */
  resumed_from: string | null;
  /** Where the run executes, so a later run can tell a crashed one from one still going. */
  host: string;
  pid: number;
  /** A random id of the process, telling it from an earlier one that had the same pid. */
  instance: string;
}

/**
 * Per resource and source: where an unfinished run stopped (committed with the batch it covers),
 * and the newest upstream version a finished run committed (the next incremental `since`).
 */
export interface ImportCursorTable {
  resource: string;
  source: string;
  /** Source-specific resume position (next cursor, next page, file line); null when no run is unfinished. */
  position: string | null;
  /** The `since` of the unfinished run: a resumed run must ask for the same set of records. */
  run_since: string | null;
  /** Newest version committed by the unfinished run, promoted to high_water when it finishes. */
  pending_high_water: string | null;
  /** Newest version committed by the last finished run. */
  high_water: string | null;
  updated_at: string;
}

/** A record that could not be written, kept with where it came from and why. */
export interface ImportQuarantineTable {
  id: Generated<number>;
  run_id: number;
  resource: string;
  source: string;
  page: string | null;
  line: number | null;
  /** The record as read: a JSON object, an NDJSON line or a CSV row. May hold personal data. */
  raw_text: string;
  /** The parsed record as JSON (CSV: keyed by the header), re-validated on a retry; null if unparsable. */
  record_json: string | null;
  /** The record's natural key when it could be read, for finding it upstream. */
  natural_key: string | null;
  reason: string;
  status: QuarantineStatus;
  quarantined_at: string;
  resolved_at: string | null;
  resolved_by_run: number | null;
}

export interface ImportTables {
  import_runs: ImportRunTable;
  import_cursors: ImportCursorTable;
  import_quarantine: ImportQuarantineTable;
}
