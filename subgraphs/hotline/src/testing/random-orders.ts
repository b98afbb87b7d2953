/**
 * A few thousand random but valid work orders over 2021, for tests that compare two ways of
 * computing the same statistic: enough orders per group and per month that medians land in wide
 * buckets as well as one-minute ones, few enough to count from the orders in milliseconds.
 * A handful of departments and townships only, so every group holds many orders.
 */
import type { Insertable } from 'kysely';
import { createRandom, directory } from '@govgraph/core';
import type { WorkOrderTable } from '../store/schema.js';

const CATEGORIES = ['CONSULTATION', 'COMPLAINT', 'HELP', 'SUGGESTION', 'REPORT'] as const;
const CHANNELS = ['PHONE', 'WEB', 'WECHAT', 'APP', 'MAIL'] as const;
const DAY_MS = 86_400_000;

function instant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

export function randomOrders(count: number, seed = 'hotline-random-orders'): Insertable<WorkOrderTable>[] {
  const random = createRandom(seed);
  const { regions, departments } = directory();
  const townships = regions.filter((r) => r.level === 'TOWNSHIP' && ['440802', '440881', '440825'].includes(r.parentCode!)).slice(0, 6);
  const villagesOf = (township: string) => regions.filter((r) => r.parentCode === township);
  const dispatchTo = departments.filter((d) => d.level !== 'TOWNSHIP').slice(0, 4);
  const start = Date.UTC(2021, 0, 1);
  const instants = Array.from({ length: count }, () => start + Math.floor(random.next() * 365 * DAY_MS)).sort((a, b) => a - b);
  return instants.map((received, i) => {
    const township = random.pick(townships);
    const villages = villagesOf(township.code);
    const place = villages.length > 0 && random.next() < 0.5 ? random.pick(villages) : township;
    const dispatched = random.next() < 0.35;
    const open = dispatched && random.next() < 0.05;
    // Direct replies take minutes; dispatched orders hours to weeks, so medians fall on either side
    // of the one-minute buckets.
    const minutes = open ? null : dispatched ? random.int(60, 30 * 24 * 60) : random.int(0, 70);
    const rating = minutes === null || random.next() < 0.5 ? null : random.pick(['SATISFIED', 'BASIC', 'DISSATISFIED'] as const);
    return {
      id: `WO2021${String(i + 1).padStart(7, '0')}`,
      received_at: instant(received),
      channel: random.pick(CHANNELS),
      category: random.pick(CATEGORIES),
      summary: `随机工单${i + 1}`,
      region_code: place.code,
      county_code: township.parentCode!,
      township_code: township.code,
      disposition: dispatched ? 'DISPATCHED' : 'DIRECT_REPLY',
      department_code: dispatched ? random.pick(dispatchTo).code : null,
      item_code: null,
      replied_at: instant(received + 60_000),
      completed_at: minutes === null ? null : instant(received + minutes * 60_000),
      handling_minutes: minutes,
      rating,
      caller_name: '测试',
      caller_phone: '13800000000',
    };
  });
}
