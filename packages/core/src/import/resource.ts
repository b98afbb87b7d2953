// The contract between the shared import runner (core) and each subgraph's importers. A subgraph
// describes what one upstream resource looks like and how its records land in its own tables;
// the runner owns everything else: fetching pages or streaming files, retries, batching,
// transactions, the committed cursor, quarantine and the run log.
import type { Kysely, Transaction } from 'kysely';
import type { ZodType } from 'zod';

/** Where a record came from, kept with quarantined records so a person can find it upstream. */
export interface RecordLocation {
  /** The URL or file the run read. */
  source: string;
  /** REST: the page number (1-based) or the cursor that fetched the page. */
  page?: string;
  /** Files: the 1-based line (CSV: the line the record starts on; NDJSON: its line). */
  line?: number;
}

/** A record that passed validation and reference checks, with where it came from. */
export interface AcceptedRecord<TRecord> {
  record: TRecord;
  location: RecordLocation;
}

/** Why a record of a batch cannot be written: its index in the batch and a reason a person reads. */
export interface Rejection {
  index: number;
  reason: string;
}

export interface UpsertCounts {
  /** New natural keys. */
  inserted: number;
  /** Existing keys whose stored version was older and has been replaced. */
  updated: number;
  /** Existing keys already holding this version or a newer one (re-imports, out-of-order arrivals). */
  unchanged: number;
}

/**
 * One upstream resource (e.g. the hotline platform's work orders). `TDatabase` is the subgraph's
 * Kysely database type; `TRecord` the normalised record the schema produces.
 */
export interface ImportResource<TDatabase, TRecord> {
  /** Stable name used by the CLI (`--resource`), cursors and quarantine rows, e.g. `work-orders`. */
  name: string;
  /** Path under the subsystem's base URL, e.g. `/api/v1/work-orders` (docs/upstream-apis.md). */
  restPath: string;
  /** How the upstream API pages this resource. */
  pagination: 'cursor' | 'page';
  /**
   * Validates and normalises one raw record: a JSON object (REST, NDJSON) or a CSV row as an
   * object of strings keyed by the header. Normalisation (ISO dates, trimmed codes, phone numbers)
   * happens in the schema's transforms, so what comes out is ready to write.
   */
  schema: ZodType<TRecord>;
  /** The record's identity upstream; the same key twice in one batch keeps the newer version. */
  naturalKey(record: TRecord): string;
  /**
   * The record's upstream version, compared as text (an ISO timestamp): a stored row is replaced
   * only by a record with a newer version, so out-of-order arrivals never roll data back.
   */
  version(record: TRecord): string;
  /**
   * References to things this subgraph must already know (departments, regions, items). Records
   * that refer to unknown ones are rejected (quarantined with the reason), never written as orphans.
   */
  checkReferences?(db: Kysely<TDatabase> | Transaction<TDatabase>, records: readonly TRecord[]): Promise<Rejection[]>;
  /**
   * Writes one batch inside the runner's transaction, by natural key, newest version wins. The
   * counts account for every record once (inserted + updated + unchanged = records.length; the
   * runner checks).
   */
  upsert(trx: Transaction<TDatabase>, records: readonly TRecord[]): Promise<UpsertCounts>;
  /**
   * Keeps derived data (rollups) in step with the records just written, in the same transaction,
   * so statistics reflect the import the moment it commits. Receives the very array upsert
   * received, so an importer may key what upsert learnt (e.g. the days it touched) to it.
   */
  afterUpsert?(trx: Transaction<TDatabase>, records: readonly TRecord[]): Promise<void>;
}

/** Any resource, for registries that hold several record types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyImportResource<TDatabase> = ImportResource<TDatabase, any>;
