import type { Kysely } from 'kysely';
import type { Database, DataFlow } from './schema.js';

/** GraphQL enum order: the answer lists every flow in this order, zero when it moved nothing. */
export const DATA_FLOWS: readonly DataFlow[] = [
  'LOCAL_AGGREGATED',
  'PROVINCE_RETURNED',
  'SHARED_TO_DEPARTMENTS',
  'SHARED_TO_COUNTIES',
];

export interface FlowVolume {
  flow: DataFlow;
  records: number;
}

/** Records per flow over the inclusive day range: one grouped SUM over the (flow, day) index. */
export async function flowVolumes(db: Kysely<Database>, from: string, to: string): Promise<FlowVolume[]> {
  const rows = await db
    .selectFrom('data_flow_daily')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('flow')
    .select((eb) => ['flow', eb.fn.sum<number>('records').as('records')])
    .execute();
  const byFlow = new Map(rows.map((r) => [r.flow, Number(r.records)]));
  return DATA_FLOWS.map((flow) => ({ flow, records: byFlow.get(flow) ?? 0 }));
}
