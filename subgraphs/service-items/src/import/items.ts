/**
 * The service platform's item catalogue (政务服务事项目录) as an import resource: one record per
 * item, identified by its code, versioned by the platform's last change. An item may carry its
 * cross-region arrangements (跨域通办) and provincial channels (粤省事/粤商通); when it does they
 * replace the stored ones, when the field is absent the stored ones stay.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  creditCode,
  flag,
  integer,
  isBlank,
  isoDay,
  isoInstant,
  isWithinRegion,
  labelledEnum,
  optionalField,
  regionCode,
  textField,
  trimmedCode,
  upsertNewerVersions,
  valuesIn,
  type AdministrativeLevel,
  type ImportResource,
  type Rejection,
  type ServiceItemKind,
  type UpsertCounts,
} from '@govgraph/core';
import { ITEM_CODE_FORM, ITEM_CODE_PATTERN } from '../item-codes.js';
import type { CrossRegionScope, Database, ServiceChannelCode, ServiceItemTable } from '../store/schema.js';

/** The catalogue's names for the kinds, and the two-letter kind codes item codes embed. */
const KIND_LABELS: Record<ServiceItemKind, readonly string[]> = {
  ADMINISTRATIVE_LICENSE: ['行政许可', 'XK'],
  ADMINISTRATIVE_PAYMENT: ['行政给付', 'JF'],
  ADMINISTRATIVE_CONFIRMATION: ['行政确认', 'QR'],
  ADMINISTRATIVE_ADJUDICATION: ['行政裁决', 'CJ'],
  ADMINISTRATIVE_REWARD: ['行政奖励', 'JL'],
  OTHER_ADMINISTRATIVE_POWER: ['其他行政权力', 'QT'],
  PUBLIC_SERVICE: ['公共服务', 'GG'],
};

// NFKC folds full-width brackets, so 县（区）级 matches 县(区)级.
const LEVEL_LABELS: Record<AdministrativeLevel, readonly string[]> = {
  CITY: ['市级', '市'],
  COUNTY: ['县级', '区县级', '县(区)级', '县(市、区)级'],
  TOWNSHIP: ['镇级', '乡镇级', '镇街级', '镇(街)级', '乡镇(街道)级'],
};

const SCOPE_LABELS: Record<CrossRegionScope, readonly string[]> = {
  WITHIN_CITY: ['市内通办', '全市通办'],
  CROSS_PROVINCE_OUTBOUND: ['省外可办', '跨省通办'],
  CROSS_PROVINCE_INBOUND: ['省外事项在湛可办'],
  GUANGZHOU_WINDOW: ['广州办事专窗'],
};

const CHANNEL_LABELS: Record<ServiceChannelCode, readonly string[]> = {
  YUESHENGSHI: ['粤省事'],
  YUESHANGTONG: ['粤商通'],
};

/**
 * A list of dated entries (`{ scope, since }`): in JSON an array of objects, in a CSV cell
 * `VALUE=day;VALUE=day` (`WITHIN_CITY=2020-06-01;广州办事专窗=2021-05-01`). Absent: leave the
 * stored list alone; blank or empty: the item has none. A value listed twice is an error.
 */
function datedList<TEntry extends { since: string }>(key: string, entry: z.ZodType<TEntry>) {
  return z
    .preprocess((raw) => {
      if (raw === undefined) return undefined;
      if (isBlank(raw)) return [];
      if (typeof raw !== 'string') return raw;
      return raw
        .split(';')
        .filter((part) => part.trim() !== '')
        .map((part) => {
          const at = part.indexOf('=');
          return at < 0 ? { [key]: part } : { [key]: part.slice(0, at), since: part.slice(at + 1) };
        });
    }, z.array(entry).optional())
    .superRefine((list, ctx) => {
      const seen = new Set<unknown>();
      for (const item of list ?? []) {
        const value = (item as Record<string, unknown>)[key];
        if (seen.has(value)) ctx.addIssue({ code: 'custom', message: `lists ${String(value)} twice` });
        seen.add(value);
      }
    });
}

const crossRegionEntry = z.object({ scope: labelledEnum(SCOPE_LABELS), since: isoDay() });
const channelEntry = z.object({ channel: labelledEnum(CHANNEL_LABELS), since: isoDay() });

export const catalogueItemSchema = z
  .object({
    code: trimmedCode(ITEM_CODE_PATTERN, ITEM_CODE_FORM),
    name: textField(200),
    kind: labelledEnum(KIND_LABELS),
    /** 依申请; when absent, every kind but public services is application-based. */
    applicationBased: optionalField(flag()),
    departmentCode: creditCode(),
    level: labelledEnum(LEVEL_LABELS),
    regionCode: regionCode(),
    statutoryDays: integer({ min: 0, max: 3650 }),
    promisedDays: integer({ min: 0, max: 3650 }),
    requiredVisits: integer({ min: 0, max: 10 }),
    onlineAvailable: flag(),
    instant: flag(),
    oneWindowAcceptance: flag(),
    stationedInHall: flag(),
    stationedInCenter: flag(),
    platformApprovable: flag(),
    effectiveFrom: isoDay(),
    updatedAt: isoInstant(),
    crossRegion: datedList('scope', crossRegionEntry),
    channels: datedList('channel', channelEntry),
  })
  .superRefine((item, ctx) => {
    if (item.promisedDays > item.statutoryDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['promisedDays'],
        message: `is ${item.promisedDays} days, longer than the statutory ${item.statutoryDays}`,
      });
    }
  })
  .transform((item) => ({
    ...item,
    applicationBased: item.applicationBased ?? item.kind !== 'PUBLIC_SERVICE',
  }));

export type CatalogueItemRecord = z.output<typeof catalogueItemSchema>;

function toRow(item: CatalogueItemRecord): Insertable<ServiceItemTable> {
  const flag = (value: boolean) => (value ? 1 : 0) as 0 | 1;
  return {
    code: item.code,
    name: item.name,
    kind: item.kind,
    application_based: flag(item.applicationBased),
    department_code: item.departmentCode,
    level: item.level,
    region_code: item.regionCode,
    statutory_days: item.statutoryDays,
    promised_days: item.promisedDays,
    required_visits: item.requiredVisits,
    online_available: flag(item.onlineAvailable),
    instant: flag(item.instant),
    one_window_acceptance: flag(item.oneWindowAcceptance),
    stationed_in_hall: flag(item.stationedInHall),
    stationed_in_center: flag(item.stationedInCenter),
    platform_approvable: flag(item.platformApprovable),
    effective_from: item.effectiveFrom,
    upstream_updated_at: item.updatedAt,
  };
}

async function checkReferences(db: Kysely<Database>, items: readonly CatalogueItemRecord[]): Promise<Rejection[]> {
  if (items.length === 0) return [];
  const departments = await db
    .selectFrom('departments')
    .select(['code', 'region_code'])
    .where('code', 'in', [...new Set(items.map((i) => i.departmentCode))])
    .execute();
  const regionOf = new Map(departments.map((d) => [d.code, d.region_code]));
  const knownRegions = await valuesIn(db, 'regions', 'code', items.map((i) => i.regionCode));
  const rejections: Rejection[] = [];
  items.forEach((item, index) => {
    const reasons: string[] = [];
    const departmentRegion = regionOf.get(item.departmentCode);
    if (departmentRegion === undefined) reasons.push(`departmentCode ${item.departmentCode}: no such department in the catalogue`);
    if (!knownRegions.has(item.regionCode)) reasons.push(`regionCode ${item.regionCode}: no such administrative division`);
    else if (departmentRegion !== undefined && !isWithinRegion(item.regionCode, departmentRegion)) {
      reasons.push(`regionCode ${item.regionCode} lies outside ${departmentRegion}, the region of department ${item.departmentCode}`);
    }
    if (reasons.length > 0) rejections.push({ index, reason: reasons.join('; ') });
  });
  return rejections;
}

async function replaceDatedLists(trx: Transaction<Database>, item: CatalogueItemRecord): Promise<void> {
  if (item.crossRegion !== undefined) {
    await trx.deleteFrom('item_cross_region').where('item_code', '=', item.code).execute();
    if (item.crossRegion.length > 0) {
      await trx
        .insertInto('item_cross_region')
        .values(item.crossRegion.map((s) => ({ item_code: item.code, scope: s.scope, since: s.since })))
        .execute();
    }
  }
  if (item.channels !== undefined) {
    await trx.deleteFrom('item_channels').where('item_code', '=', item.code).execute();
    if (item.channels.length > 0) {
      await trx
        .insertInto('item_channels')
        .values(item.channels.map((c) => ({ item_code: item.code, channel: c.channel, since: c.since })))
        .execute();
    }
  }
}

async function upsert(trx: Transaction<Database>, items: readonly CatalogueItemRecord[]): Promise<UpsertCounts> {
  const rows = new Map(items.map((item) => [toRow(item), item]));
  const plan = await upsertNewerVersions(trx, { table: 'service_items', key: ['code'], version: 'upstream_updated_at' }, [...rows.keys()]);
  // The dated lists follow the item: replaced with it, left alone when its version lost.
  for (const row of [...plan.inserts, ...plan.updates]) await replaceDatedLists(trx, rows.get(row)!);
  return plan.counts;
}

/**
 * No afterUpsert: the catalogue keeps no rollups or denormalised counts. Every catalogue figure
 * (catalogStatistics, department item figures, cross-region and channel counts) is an aggregate
 * over service_items and its flag tables, so it reflects a batch as soon as the batch commits.
 */
export const catalogueItems: ImportResource<Database, CatalogueItemRecord> = {
  name: 'catalogue-items',
  restPath: '/api/v1/catalogue/items',
  pagination: 'page',
  schema: catalogueItemSchema,
  naturalKey: (item) => item.code,
  version: (item) => item.updatedAt,
  checkReferences,
  upsert,
};
