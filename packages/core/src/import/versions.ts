/**
 * "Newest version wins", decided once for every importer: which records of a batch are new, which
 * replace an older stored row, and which change nothing (a re-import, or an older version arriving
 * after a newer one). Versions are ISO instants in one offset, so text order is time order.
 */
import type { UpsertCounts } from './resource.js';

export interface UpsertPlan<TRecord> {
  /** Records whose key is not stored yet. */
  inserts: TRecord[];
  /** Records newer than the stored row of their key. */
  updates: TRecord[];
  /** Counts for the run log: duplicates within the batch and stale versions count as unchanged. */
  counts: UpsertCounts;
}

/**
 * Sorts a batch against the stored versions (`stored`: key → version; null for a row that holds
 * no upstream version, such as a seeded one, which any imported version replaces). When a key
 * occurs twice in the batch, only its newest record is written (of equal versions the later one,
 * as it would be had it come in a later batch).
 */
export function planUpsert<TRecord>(
  records: readonly TRecord[],
  key: (record: TRecord) => string,
  version: (record: TRecord) => string,
  stored: ReadonlyMap<string, string | null>,
): UpsertPlan<TRecord> {
  const newest = new Map<string, TRecord>();
  for (const record of records) {
    const k = key(record);
    const seen = newest.get(k);
    if (seen === undefined || version(record) >= version(seen)) newest.set(k, record);
  }
  const inserts: TRecord[] = [];
  const updates: TRecord[] = [];
  for (const [k, record] of newest) {
    if (!stored.has(k)) inserts.push(record);
    else {
      const storedVersion = stored.get(k);
      if (storedVersion == null || version(record) > storedVersion) updates.push(record);
    }
  }
  return {
    inserts,
    updates,
    counts: { inserted: inserts.length, updated: updates.length, unchanged: records.length - inserts.length - updates.length },
  };
}
