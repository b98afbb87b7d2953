/**
 * A work order as the hotline platform sends it (docs/upstream-apis.md, "hotline: work orders"),
 * validated and normalised into the row the work_orders table holds: instants in ISO form with
 * the China offset, codes trimmed, enums by name or Chinese label, the phone in one form, the
 * place's county and township taken from the record and checked to nest. Nothing is masked:
 * the table holds the caller as given, and the graph masks on read.
 */
import { z } from 'zod';
import {
  creditCode,
  isoInstant,
  labelledEnum,
  optionalField,
  phoneNumber,
  textField,
  trimmedCode,
} from '@govgraph/core';
import type { WorkOrderTable } from '../store/schema.js';

/** Zhanjiang's area code: a landline given without one is a local number. */
const LOCAL_AREA_CODE = '0759';

const channel = labelledEnum({
  PHONE: ['电话', '12345电话'],
  WEB: ['网站', '网页', '门户网站'],
  WECHAT: ['微信', '微信公众号'],
  APP: ['移动应用', '手机应用', 'App'],
  MAIL: ['邮件', '信件', '电子邮件'],
});

const category = labelledEnum({
  CONSULTATION: ['咨询'],
  COMPLAINT: ['投诉'],
  HELP: ['求助'],
  SUGGESTION: ['建议'],
  REPORT: ['举报'],
});

const disposition = labelledEnum({
  DIRECT_REPLY: ['直接回复', '直接办结'],
  DISPATCHED: ['转派', '转办', '派单'],
});

const rating = labelledEnum({
  SATISFIED: ['满意'],
  BASIC: ['基本满意'],
  DISSATISFIED: ['不满意'],
});

/** What the platform sends; the object is loose so that extra upstream fields are ignored. */
const upstreamWorkOrder = z.object({
  id: trimmedCode(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, 'a work order id'),
  receivedAt: isoInstant(),
  channel,
  category,
  summary: textField(2000),
  countyCode: trimmedCode(/^\d{6}$/, 'a 6-digit county code'),
  townshipCode: trimmedCode(/^\d{9}$/, 'a 9-digit township code'),
  villageCode: optionalField(trimmedCode(/^\d{12}$/, 'a 12-digit village code')),
  disposition,
  departmentCode: optionalField(creditCode()),
  itemCode: optionalField(trimmedCode(/^[0-9A-Z]{6,32}$/, 'a service item code')),
  repliedAt: optionalField(isoInstant()),
  completedAt: optionalField(isoInstant()),
  rating: optionalField(rating),
  callerName: textField(50),
  callerPhone: phoneNumber({ localAreaCode: LOCAL_AREA_CODE }),
  updatedAt: isoInstant(),
});

/** A work order ready to write, with its upstream version. */
export type WorkOrderRecord = Omit<WorkOrderTable, 'updated_at'> & { updated_at: string };

const MINUTE = 60_000;

export const workOrderRecord: z.ZodType<WorkOrderRecord> = upstreamWorkOrder
  .superRefine((order, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // Division codes extend their parent's: 440802 → 440802001 → 440802001001.
    if (!order.townshipCode.startsWith(order.countyCode)) {
      problem('townshipCode', `township ${order.townshipCode} is not in county ${order.countyCode}`);
    }
    if (order.villageCode !== null && !order.villageCode.startsWith(order.townshipCode)) {
      problem('villageCode', `village ${order.villageCode} is not in township ${order.townshipCode}`);
    }
    // The statistics count "dispatched" as "has a department": the two must agree.
    if (order.disposition === 'DISPATCHED' && order.departmentCode === null) {
      problem('departmentCode', 'a dispatched order needs the department it was dispatched to');
    }
    if (order.disposition === 'DIRECT_REPLY' && order.departmentCode !== null) {
      problem('departmentCode', 'a directly answered order has no department');
    }
    // Same offset everywhere, so text order is time order.
    if (order.repliedAt !== null && order.repliedAt < order.receivedAt) problem('repliedAt', 'is before receivedAt');
    if (order.completedAt !== null && order.completedAt < order.receivedAt) problem('completedAt', 'is before receivedAt');
  })
  .transform((order) => ({
    id: order.id,
    received_at: order.receivedAt,
    channel: order.channel,
    category: order.category,
    summary: order.summary,
    region_code: order.villageCode ?? order.townshipCode,
    county_code: order.countyCode,
    township_code: order.townshipCode,
    disposition: order.disposition,
    department_code: order.departmentCode,
    item_code: order.itemCode,
    replied_at: order.repliedAt,
    completed_at: order.completedAt,
    handling_minutes:
      order.completedAt === null ? null : Math.floor((Date.parse(order.completedAt) - Date.parse(order.receivedAt)) / MINUTE),
    rating: order.rating,
    caller_name: order.callerName,
    caller_phone: order.callerPhone,
    updated_at: order.updatedAt,
  }));
