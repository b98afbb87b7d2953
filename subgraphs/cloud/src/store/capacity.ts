import type { Kysely } from 'kysely';
import type { ResourceAmount } from './rows.js';
import type { Database } from './schema.js';

export interface CapacityTotals {
  total: ResourceAmount;
  expansions: number;
}

export interface ExpansionRow {
  completedOn: string;
  added: ResourceAmount;
  totalAfter: ResourceAmount;
}

/** What the cloud could provide at the end of `asOf`: the initial build plus every expansion so far. */
export async function capacityAsOf(db: Kysely<Database>, asOf: string): Promise<CapacityTotals> {
  const row = await db
    .selectFrom('capacity_events')
    .where('completed_on', '<=', asOf)
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('vcpu'), eb.lit(0)).as('vcpu'),
      eb.fn.coalesce(eb.fn.sum<number>('memory_gb'), eb.lit(0)).as('memory_gb'),
      eb.fn.coalesce(eb.fn.sum<number>('storage_tb'), eb.lit(0)).as('storage_tb'),
      eb.fn
        .coalesce(eb.fn.sum<number>(eb.case().when('kind', '=', 'EXPANSION').then(1).else(0).end()), eb.lit(0))
        .as('expansions'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: { vcpu: Number(row.vcpu), memoryGb: Number(row.memory_gb), storageTb: Number(row.storage_tb) },
    expansions: Number(row.expansions),
  };
}

/**
 * Expansions completed in [from, to], oldest first, each with the running capacity after it. The
 * running sum is a window over every event (the initial build included), filtered afterwards, so
 * `totalAfter` is right even when the period starts after earlier expansions.
 */
export async function expansionsBetween(db: Kysely<Database>, from: string, to: string): Promise<ExpansionRow[]> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('capacity_events')
        .select((w) => [
          'id',
          'kind',
          'completed_on',
          'vcpu',
          'memory_gb',
          'storage_tb',
          w.fn.sum<number>('vcpu').over((o) => o.orderBy('completed_on').orderBy('id')).as('total_vcpu'),
          w.fn.sum<number>('memory_gb').over((o) => o.orderBy('completed_on').orderBy('id')).as('total_memory_gb'),
          w.fn.sum<number>('storage_tb').over((o) => o.orderBy('completed_on').orderBy('id')).as('total_storage_tb'),
        ])
        .as('running'),
    )
    .selectAll()
    .where('kind', '=', 'EXPANSION')
    .where('completed_on', '>=', from)
    .where('completed_on', '<=', to)
    .orderBy('completed_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    completedOn: r.completed_on,
    added: { vcpu: Number(r.vcpu), memoryGb: Number(r.memory_gb), storageTb: Number(r.storage_tb) },
    totalAfter: {
      vcpu: Number(r.total_vcpu),
      memoryGb: Number(r.total_memory_gb),
      storageTb: Number(r.total_storage_tb),
    },
  }));
}
