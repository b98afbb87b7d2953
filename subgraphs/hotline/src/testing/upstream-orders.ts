/**
 * Work orders as the hotline platform sends them (the upstream JSON of docs/upstream-apis.md),
 * for the importer's tests: a fixture row in upstream form, and any number of generated orders
 * spread over 2021 with references that resolve in the directory.
 */
import type { Insertable } from 'kysely';
import { createRandom, directory } from '@govgraph/core';
import type { WorkOrderTable } from '../store/schema.js';

export type UpstreamWorkOrder = Record<string, string | null>;

/** A stored row in the platform's form (the inverse of the importer's normalisation). */
export function upstreamOrder(row: Insertable<WorkOrderTable>, updatedAt?: string): UpstreamWorkOrder {
  return {
    id: row.id,
    receivedAt: row.received_at,
    channel: row.channel,
    category: row.category,
    summary: row.summary,
    countyCode: row.county_code,
    townshipCode: row.township_code,
    villageCode: row.region_code === row.township_code ? null : row.region_code,
    disposition: row.disposition,
    departmentCode: row.department_code ?? null,
    itemCode: row.item_code ?? null,
    repliedAt: row.replied_at ?? null,
    completedAt: row.completed_at ?? null,
    rating: row.rating ?? null,
    callerName: row.caller_name,
    callerPhone: row.caller_phone,
    updatedAt: updatedAt ?? row.completed_at ?? row.replied_at ?? row.received_at,
  };
}

const CHANNELS = ['PHONE', 'PHONE', 'PHONE', 'WEB', 'WECHAT', 'APP', 'MAIL'] as const;
const CATEGORIES = ['CONSULTATION', 'CONSULTATION', 'COMPLAINT', 'HELP', 'SUGGESTION', 'REPORT'] as const;
const RATINGS = [null, null, 'SATISFIED', 'SATISFIED', 'BASIC', 'DISSATISFIED'] as const;

const at = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/**
 * `count` orders received in receipt order across 2021, deterministic for a given seed. Their ids
 * (`WO2021I` + sequence) never collide with the seeded or fixture orders (`WO2021` + digits).
 */
export function* generatedOrders(count: number, seed = 'upstream-orders'): Generator<UpstreamWorkOrder> {
  const random = createRandom(seed);
  const { regions, departments, items } = directory();
  const villages = regions.filter((r) => r.level === 'VILLAGE');
  const townships = regions.filter((r) => r.level === 'TOWNSHIP');
  const start = Date.UTC(2021, 0, 1) - 8 * 3_600_000;
  const span = 365 * 86_400_000 - 7 * 86_400_000;
  for (let i = 0; i < count; i++) {
    const received = start + Math.floor((span * i) / count) + random.int(0, 3_600_000);
    const place = random.next() < 0.6 ? random.pick(villages) : random.pick(townships);
    const township = place.level === 'VILLAGE' ? regions.find((r) => r.code === place.parentCode)! : place;
    const dispatched = random.next() < 0.16;
    const completed = random.next() < 0.98;
    const replied = received + random.int(60, 7_200) * 1000;
    const done = replied + (dispatched ? random.int(3_600, 5 * 86_400) : random.int(0, 600)) * 1000;
    const row: Insertable<WorkOrderTable> = {
      id: `WO2021I${String(i + 1).padStart(7, '0')}`,
      received_at: at(received),
      channel: random.pick(CHANNELS),
      category: random.pick(CATEGORIES),
      summary: `关于${place.name}的诉求`,
      region_code: place.code,
      county_code: township.parentCode!,
      township_code: township.code,
      disposition: dispatched ? 'DISPATCHED' : 'DIRECT_REPLY',
      department_code: dispatched ? random.pick(departments).code : null,
      item_code: random.next() < 0.1 ? random.pick(items).code : null,
      replied_at: at(replied),
      completed_at: completed ? at(done) : null,
      handling_minutes: completed ? Math.floor((done - received) / 60_000) : null,
      rating: completed ? random.pick(RATINGS) : null,
      caller_name: `来电人${i + 1}`,
      caller_phone: `138${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    };
    yield upstreamOrder(row);
  }
}
