/**
 * The service platform's applications (办件) handled in the city administrative service center, as
 * an import resource: identified by the intake system's application number, versioned by the
 * platform's last change (an application is written when submitted and again when completed and
 * when rated, so the same number arrives several times).
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  creditCode,
  isoInstant,
  labelledEnum,
  optionalField,
  planNewerVersions,
  TouchedDays,
  trimmedCode,
  valuesIn,
  writeUpsertPlan,
  type ImportResource,
  type Rejection,
  type UpsertCounts,
} from '@govgraph/core';
import { ITEM_CODE_FORM, ITEM_CODE_PATTERN } from '../item-codes.js';
import { refreshApplicationRollup } from '../store/application-rollup.js';
import type { ApplicationChannel, ApplicationTable, Database } from '../store/schema.js';

const CHANNEL_LABELS: Record<ApplicationChannel, readonly string[]> = {
  HALL: ['窗口', '窗口办理', '大厅', '现场', '线下'],
  ONLINE: ['网上', '网办', '网上办理', '在线', '线上', '互联网'],
  KIOSK: ['自助', '自助机', '自助终端', '粤智助'],
};

/** 好差评 on its five-step scale, as a digit or by name. */
const RATING_LABELS = {
  '5': ['非常满意'],
  '4': ['满意'],
  '3': ['基本满意'],
  '2': ['不满意'],
  '1': ['非常不满意'],
} as const;

/** 办件编号: what the intake system prints on the receipt (letters, digits, hyphens). */
const APPLICATION_NUMBER = /^[0-9A-Z][0-9A-Z-]{3,63}$/;

export const applicationSchema = z
  .object({
    number: trimmedCode(APPLICATION_NUMBER, 'an application number (4 to 64 letters, digits or hyphens)'),
    itemCode: trimmedCode(ITEM_CODE_PATTERN, ITEM_CODE_FORM),
    departmentCode: creditCode(),
    channel: labelledEnum(CHANNEL_LABELS),
    submittedAt: isoInstant(),
    completedAt: optionalField(isoInstant()),
    rating: optionalField(labelledEnum(RATING_LABELS).transform(Number)),
    updatedAt: isoInstant(),
  })
  .superRefine((application, ctx) => {
    // Both are +08:00 ISO text, so text order is time order.
    if (application.completedAt !== null && application.completedAt < application.submittedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['completedAt'],
        message: `${application.completedAt} is before submittedAt ${application.submittedAt}`,
      });
    }
  });

export type ApplicationRecord = z.output<typeof applicationSchema>;

function toRow(application: ApplicationRecord): Insertable<ApplicationTable> {
  return {
    number: application.number,
    item_code: application.itemCode,
    department_code: application.departmentCode,
    channel: application.channel,
    submitted_at: application.submittedAt,
    completed_at: application.completedAt,
    rating: application.rating,
    upstream_updated_at: application.updatedAt,
  };
}

async function checkReferences(db: Kysely<Database>, applications: readonly ApplicationRecord[]): Promise<Rejection[]> {
  const knownItems = await valuesIn(db, 'service_items', 'code', applications.map((a) => a.itemCode));
  const knownDepartments = await valuesIn(db, 'departments', 'code', applications.map((a) => a.departmentCode));
  const rejections: Rejection[] = [];
  applications.forEach((application, index) => {
    const reasons: string[] = [];
    if (!knownItems.has(application.itemCode)) {
      reasons.push(`itemCode ${application.itemCode}: no such item in the catalogue (import the catalogue first)`);
    }
    if (!knownDepartments.has(application.departmentCode)) {
      reasons.push(`departmentCode ${application.departmentCode}: no such department in the catalogue`);
    }
    if (reasons.length > 0) rejections.push({ index, reason: reasons.join('; ') });
  });
  return rejections;
}

/**
 * Applications are keyed by their number; `id` is this subgraph's own, read to keep it on update,
 * and the stored submission day, which an update leaves in the rollup.
 */
const APPLICATIONS = { table: 'applications', key: ['number'], version: 'upstream_updated_at', alsoRead: ['id', 'submitted_at'] } as const;

/** Days whose rollup rows a batch changed, noted by upsert for afterUpsert. */
const touchedDays = new TouchedDays<ApplicationRecord>();

async function upsert(trx: Transaction<Database>, applications: readonly ApplicationRecord[]): Promise<UpsertCounts> {
  const plan = await planNewerVersions(trx, APPLICATIONS, applications.map(toRow));
  // A new application's id comes from the database (see continueApplicationIds), so concurrent
  // writers never collide; an update keeps the id it has.
  await writeUpsertPlan(trx, APPLICATIONS, {
    inserts: plan.inserts,
    updates: plan.updates.map((row) => ({ ...row, id: Number(plan.stored.get(plan.keyOf(row))!.id) })),
  });
  touchedDays.note(applications, plan.updates.map((row) => plan.stored.get(plan.keyOf(row))!.submitted_at as string));
  touchedDays.note(applications, [...plan.inserts, ...plan.updates].map((row) => row.submitted_at));
  return plan.counts;
}

/** The application rollup (every application figure reads it) follows the days the batch changed. */
async function afterUpsert(trx: Transaction<Database>, applications: readonly ApplicationRecord[]): Promise<void> {
  for (const range of touchedDays.take(applications, (application) => application.submittedAt)) {
    await refreshApplicationRollup(trx, range);
  }
}

/**
 * The rollup is kept in the batch's transaction, so every application figure (applicationStatistics,
 * the service center, department statistics) includes a batch the moment it commits.
 */
export const applications: ImportResource<Database, ApplicationRecord> = {
  name: 'applications',
  restPath: '/api/v1/applications',
  pagination: 'cursor',
  schema: applicationSchema,
  naturalKey: (application) => application.number,
  version: (application) => application.updatedAt,
  checkReferences,
  upsert,
  afterUpsert,
};
