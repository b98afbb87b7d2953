/**
 * One batch of upstream records through an importer exactly as the runner writes it (validation,
 * the newest version of each key, reference checks, upsert and afterUpsert in one transaction),
 * without a source, run log or cursor: what an importer's own tests need to exercise its
 * ImportResource through the contract rather than by calling its parts in their own order.
 */
import type { Kysely } from 'kysely';
import { prepareBatch, writeBatch } from '../batch.js';
import type { ImportResource, UpsertCounts } from '../resource.js';
import type { RawRecord } from '../source.js';
import { issueReasons } from '../zod-reasons.js';

/** Each issue of a record that fails `resource`'s schema as `field: reason`; none when it passes. */
export function reasonsFor<DB, T>(resource: ImportResource<DB, T>, value: unknown): string[] {
  const parsed = resource.schema.safeParse(value);
  return parsed.success ? [] : issueReasons(parsed.error);
}

/** The normalised records, or an error naming the first value the schema refuses (a broken fixture). */
export function parseRecords<DB, T>(resource: ImportResource<DB, T>, values: readonly unknown[]): T[] {
  return values.map((value) => {
    const reasons = reasonsFor(resource, value);
    if (reasons.length > 0) throw new Error(`test record ${JSON.stringify(value)} is invalid: ${reasons.join('; ')}`);
    return resource.schema.parse(value);
  });
}

export interface BatchOutcome {
  counts: UpsertCounts;
  /** Records the reference check refused: their index in the values given, and why. */
  rejections: { index: number; reason: string }[];
}

/** Imports `values` (valid records, as the upstream sends them) as one batch. */
export async function importBatch<DB, T>(db: Kysely<DB>, resource: ImportResource<DB, T>, values: readonly unknown[]): Promise<BatchOutcome> {
  parseRecords(resource, values);
  const raws: RawRecord[] = values.map((value, index) => ({ value, text: JSON.stringify(value), location: { source: 'test', line: index + 1 } }));
  const prepared = prepareBatch(resource, raws);
  const written = await db.transaction().execute((trx) => writeBatch(trx, resource, prepared.candidates));
  return {
    counts: { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged + prepared.superseded },
    rejections: written.rejected.map((entry) => ({ index: entry.raw.location.line! - 1, reason: entry.reason })),
  };
}
