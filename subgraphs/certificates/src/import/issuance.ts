/**
 * The certificate system's issuance log (电子证照签发日志), as GovGraph imports it.
 *
 * GovGraph never holds individual certificates: the report needs counts, and a certificate's
 * holder is personal data. So the upstream resource is the log summed per day: one record says
 * how many certificates of one type one department issued on one day, as of `updatedAt`. Such a
 * record maps one to one onto a row of issuance_daily, the table every issuance statistic sums.
 * The upstream's count for a day is authoritative: it replaces the stored count (the seed's, or
 * an earlier import's) rather than adding to it, which is what makes re-imports harmless.
 *
 * Imported records land in issuance_log with their version; afterUpsert then copies the winning
 * count of each touched day into issuance_daily (a 0 removes the day, as issuance_daily holds
 * only days with issuance) and moves the rollups by each day's difference, new count − old count,
 * in the same transaction, so statistics see an import as it commits.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  creditCode,
  inSlices,
  integer,
  isoDay,
  isoInstant,
  keysIn,
  trimmedCode,
  upsertNewerVersions,
  valuesIn,
  type ImportResource,
  type Rejection,
} from '@govgraph/core';
import { addIssuanceChanges, type IssuanceChange } from '../store/issuance-rollup.js';
import type { Database, IssuanceLogTable } from '../store/schema.js';

/** A type code is the issuing body's credit code followed by a 3-digit serial (证照类型代码). */
const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}\d{3}$/;

export const issuanceRecordSchema = z
  .object({
    typeCode: trimmedCode(TYPE_CODE, "a certificate type code (the issuing body's 18-character credit code and a 3-digit serial)"),
    departmentCode: creditCode(),
    issueDate: isoDay(),
    issued: integer(),
    updatedAt: isoInstant(),
  })
  .superRefine((record, ctx) => {
    // A day's count cannot have been settled before the day began: such a version is a clock or
    // field mix-up upstream, and trusting it could let a stale count win over a real one.
    if (record.updatedAt.slice(0, 10) < record.issueDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['updatedAt'],
        message: `${record.updatedAt} is before the issue date ${record.issueDate}: a day's count is recorded on or after that day`,
      });
    }
  });

export type IssuanceRecord = z.output<typeof issuanceRecordSchema>;

type Reader = Kysely<Database> | Transaction<Database>;

/** Who issues each of `typeCodes` per the catalogue; unknown types are absent. */
async function issuingDepartments(db: Reader, typeCodes: readonly string[]): Promise<Map<string, string>> {
  const issuers = new Map<string, string>();
  for (const slice of inSlices(typeCodes)) {
    const rows = await db.selectFrom('certificate_types').select(['code', 'department_code']).where('code', 'in', slice).execute();
    for (const row of rows) issuers.set(row.code, row.department_code);
  }
  return issuers;
}

/** Those of `codes` this subgraph knows: onboarded to the system, or issuing some type. */
async function knownDepartments(db: Reader, codes: readonly string[]): Promise<Set<string>> {
  const onboarded = await valuesIn(db, 'department_onboarding', 'department_code', codes);
  const issuing = await valuesIn(db, 'certificate_types', 'department_code', codes);
  return new Set([...onboarded, ...issuing]);
}

async function checkReferences(db: Reader, records: readonly IssuanceRecord[]): Promise<Rejection[]> {
  const issuers = await issuingDepartments(db, [...new Set(records.map((r) => r.typeCode))]);
  const known = await knownDepartments(db, [...new Set(records.map((r) => r.departmentCode))]);
  const rejections: Rejection[] = [];
  records.forEach((record, index) => {
    const reasons: string[] = [];
    const issuer = issuers.get(record.typeCode);
    if (issuer === undefined) {
      reasons.push(`unknown certificate type ${record.typeCode}: the certificate catalogue has no such type`);
    }
    if (!known.has(record.departmentCode)) {
      reasons.push(`unknown department ${record.departmentCode}: it is not onboarded to the certificate system and issues no certificate type`);
    } else if (issuer !== undefined && issuer !== record.departmentCode) {
      // Issuance is counted per type under the department the catalogue names as its issuer;
      // a count under another department would make that department's figures disagree with
      // the types it is listed as issuing.
      reasons.push(`certificate type ${record.typeCode} is issued by department ${issuer} according to the catalogue, not by ${record.departmentCode}`);
    }
    if (reasons.length > 0) rejections.push({ index, reason: reasons.join('; ') });
  });
  return rejections;
}

const toLogRow = (record: IssuanceRecord): IssuanceLogTable => ({
  type_code: record.typeCode,
  department_code: record.departmentCode,
  day: record.issueDate,
  issued: record.issued,
  updated_at: record.updatedAt,
});

const DAY_KEY = ['type_code', 'department_code', 'day'] as const;

const dayKey = (row: { type_code: string; department_code: string; day: string }) => `${row.type_code}|${row.department_code}|${row.day}`;

/**
 * Makes issuance_daily say what issuance_log says for every day the batch touched, and moves the
 * rollups by what that changed.
 */
async function syncDailyCounts(trx: Transaction<Database>, records: readonly IssuanceRecord[]): Promise<void> {
  const days = new Map(records.map((r) => [`${r.typeCode}|${r.departmentCode}|${r.issueDate}`, [r.typeCode, r.departmentCode, r.issueDate]]));
  for (const slice of inSlices([...days.values()])) {
    // The log holds the winner of each day, which for an out-of-order record is the stored one.
    const logged = await trx.selectFrom('issuance_log').select([...DAY_KEY, 'issued']).where(keysIn(DAY_KEY, slice)).execute();
    const stored = await trx.selectFrom('issuance_daily').select([...DAY_KEY, 'issued']).where(keysIn(DAY_KEY, slice)).execute();
    const before = new Map(stored.map((row) => [dayKey(row), row.issued]));
    const changes: IssuanceChange[] = logged.map((row) => ({
      type_code: row.type_code,
      department_code: row.department_code,
      day: row.day,
      difference: row.issued - (before.get(dayKey(row)) ?? 0),
    }));
    const none = logged.filter((row) => row.issued === 0).map((row) => [row.type_code, row.department_code, row.day]);
    const some = logged.filter((row) => row.issued > 0);
    if (none.length > 0) await trx.deleteFrom('issuance_daily').where(keysIn(DAY_KEY, none)).execute();
    if (some.length > 0) {
      await trx
        .insertInto('issuance_daily')
        .values(some)
        .onConflict((oc) => oc.columns(DAY_KEY).doUpdateSet({ issued: (eb) => eb.ref('excluded.issued') }))
        .execute();
    }
    await addIssuanceChanges(trx, changes);
  }
}

export const issuanceResource: ImportResource<Database, IssuanceRecord> = {
  name: 'issuance',
  restPath: '/api/v1/issuance/daily',
  pagination: 'cursor',
  schema: issuanceRecordSchema,
  naturalKey: (record) => `${record.typeCode}|${record.departmentCode}|${record.issueDate}`,
  version: (record) => record.updatedAt,
  checkReferences,
  upsert: async (trx, records) =>
    (await upsertNewerVersions(trx, { table: 'issuance_log', key: DAY_KEY, version: 'updated_at' }, records.map(toLogRow))).counts,
  afterUpsert: syncDailyCounts,
};
