/**
 * Upstream records for the importer tests, written the way the service platform would send them,
 * and the steps the shared runner takes with a batch (validate, check references, upsert in a
 * transaction), so the tests exercise a resource exactly through its ImportResource contract.
 */
import type { Kysely } from 'kysely';
import type { ImportResource, Rejection, UpsertCounts } from '@govgraph/core';
import type { Database } from '../store/schema.js';
import { DEPT } from '../test-support.js';

/** A new city-level licence of department d1, as the catalogue API returns it (JSON). */
export function rawItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: '440800XK90001',
    name: '新设企业名称预先核准',
    kind: '行政许可',
    departmentCode: DEPT.d1,
    level: '市级',
    regionCode: '440800',
    statutoryDays: 20,
    promisedDays: 5,
    requiredVisits: 0,
    onlineAvailable: true,
    instant: false,
    oneWindowAcceptance: true,
    stationedInHall: true,
    stationedInCenter: true,
    platformApprovable: true,
    effectiveFrom: '2021-03-04',
    updatedAt: '2021-03-04T08:00:00+08:00',
    ...overrides,
  };
}

/** An application as the service platform returns it (JSON). */
export function rawApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: 'SQ2021050600001',
    itemCode: '440800XK90001',
    departmentCode: DEPT.d1,
    channel: 'HALL',
    submittedAt: '2021-05-06T09:00:00+08:00',
    completedAt: null,
    rating: null,
    updatedAt: '2021-05-06T09:00:00+08:00',
    ...overrides,
  };
}

/** The same record as a CSV export row: every value a string, blanks for nulls. */
export function asCsvRow(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/** Why a record fails its schema, as one line ("field: reason; …"), or null when it passes. */
export function schemaReason<T>(resource: ImportResource<Database, T>, raw: unknown): string | null {
  const result = resource.schema.safeParse(raw);
  if (result.success) return null;
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

export function parseAll<T>(resource: ImportResource<Database, T>, raws: readonly unknown[]): T[] {
  return raws.map((raw) => {
    const result = resource.schema.safeParse(raw);
    if (!result.success) throw new Error(`test record rejected: ${schemaReason(resource, raw)}`);
    return result.data;
  });
}

/** One batch as the runner handles it: references checked, the rest upserted in one transaction. */
export async function importBatch<T>(
  db: Kysely<Database>,
  resource: ImportResource<Database, T>,
  raws: readonly unknown[],
): Promise<{ rejections: Rejection[]; counts: UpsertCounts }> {
  const records = parseAll(resource, raws);
  const rejections = (await resource.checkReferences?.(db, records)) ?? [];
  const rejected = new Set(rejections.map((r) => r.index));
  const accepted = records.filter((_, i) => !rejected.has(i));
  const counts = await db.transaction().execute(async (trx) => {
    const written = await resource.upsert(trx, accepted);
    await resource.afterUpsert?.(trx, accepted);
    return written;
  });
  return { rejections, counts };
}
