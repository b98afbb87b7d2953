/**
 * One batch through an importer: validate every record with the resource's schema, keep the
 * newest version of each natural key, check references, then write. Validation and de-duplication
 * are pure (done before the transaction opens); references and writes happen inside it.
 */
import type { Kysely, Transaction } from 'kysely';
import { lockForWriting } from '../database.js';
import type { AnyImportResource, UpsertCounts } from './resource.js';
import type { QuarantineEntry } from './quarantine.js';
import type { RawRecord } from './source.js';
import { describeIssues } from './zod-reasons.js';

export interface Candidate<T> {
  record: T;
  raw: RawRecord;
  key: string;
  version: string;
}

export interface PreparedBatch<T> {
  /** Valid records, one per natural key: the newest version seen in the batch. */
  candidates: Candidate<T>[];
  /** Unparsable or invalid records. */
  rejected: QuarantineEntry[];
  /** Valid records dropped for a newer (or equal, later) version of the same key in the batch. */
  superseded: number;
  /** Newest version among the valid records, for the next incremental `since`. */
  newestVersion: string | null;
}

export function prepareBatch<DB>(resource: AnyImportResource<DB>, raws: readonly RawRecord[]): PreparedBatch<unknown> {
  const byKey = new Map<string, Candidate<unknown>>();
  const rejected: QuarantineEntry[] = [];
  let superseded = 0;
  let newestVersion: string | null = null;
  for (const raw of raws) {
    if (raw.unparsable !== undefined) {
      rejected.push({ raw, naturalKey: null, reason: raw.unparsable });
      continue;
    }
    const parsed = resource.schema.safeParse(raw.value);
    if (!parsed.success) {
      rejected.push({ raw, naturalKey: null, reason: describeIssues(parsed.error) });
      continue;
    }
    const candidate = { record: parsed.data, raw, key: resource.naturalKey(parsed.data), version: resource.version(parsed.data) };
    if (newestVersion === null || candidate.version > newestVersion) newestVersion = candidate.version;
    const seen = byKey.get(candidate.key);
    if (seen) superseded++;
    // Equal versions: the later line wins, as it would had it come in a later batch.
    if (!seen || candidate.version >= seen.version) byKey.set(candidate.key, candidate);
  }
  return { candidates: [...byKey.values()], rejected, superseded, newestVersion };
}

export interface WrittenBatch extends UpsertCounts {
  /** Records refused by the reference check, to quarantine. */
  rejected: QuarantineEntry[];
}

/** References, upsert and derived data, all in the caller's transaction. */
export async function writeBatch<DB>(
  trx: Transaction<DB>,
  resource: AnyImportResource<DB>,
  candidates: readonly Candidate<unknown>[],
): Promise<WrittenBatch> {
  // Before reading anything: what this batch reads must include every batch committed before it.
  await lockForWriting(trx as Kysely<DB>);
  const records = candidates.map((c) => c.record);
  const refused = new Map<number, string>();
  for (const { index, reason } of (await resource.checkReferences?.(trx as Kysely<DB>, records)) ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= records.length) {
      throw new Error(`importer ${resource.name}: checkReferences rejected index ${index} of a batch of ${records.length}`);
    }
    refused.set(index, refused.has(index) ? `${refused.get(index)}; ${reason}` : reason);
  }
  const rejected: QuarantineEntry[] = [];
  const kept: unknown[] = [];
  candidates.forEach((c, index) => {
    const reason = refused.get(index);
    if (reason === undefined) kept.push(c.record);
    else rejected.push({ raw: c.raw, naturalKey: c.key, reason });
  });
  if (kept.length === 0) return { inserted: 0, updated: 0, unchanged: 0, rejected };
  const counts = await resource.upsert(trx, kept);
  if (counts.inserted + counts.updated + counts.unchanged !== kept.length) {
    throw new Error(
      `importer ${resource.name}: upsert accounted for ${counts.inserted + counts.updated + counts.unchanged} of ${kept.length} records`,
    );
  }
  // The same array upsert received: an importer may key what it learnt while writing to it.
  await resource.afterUpsert?.(trx, kept);
  return { ...counts, rejected };
}
