/**
 * The issuance rollups: issuance_rollup (per type and department, per month and year) and
 * issuance_total_rollup (every type together, per day, month and year), both sums of
 * issuance_daily. Rebuilt whole from issuance_daily where every day is written at once (the seed,
 * the migration that introduced them); moved by the difference of each replaced day where a few
 * days change (the importer), in the writer's transaction either way.
 */
import { sql, type Kysely } from 'kysely';
import { addToRollup, sumFinerGrain, type RollupGrain } from '@govgraph/core';
import type { Database } from './schema.js';

const KEYED = { keys: ['type_code', 'department_code'], counts: ['issued'] } as const;
const TOTAL = { keys: [], counts: ['issued'] } as const;
const KEYED_GRAINS: readonly RollupGrain[] = ['MONTH', 'YEAR'];
const TOTAL_GRAINS: readonly RollupGrain[] = ['DAY', 'MONTH', 'YEAR'];

/** Recomputes both rollups from every row of issuance_daily. */
export async function rebuildIssuanceRollups(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('issuance_rollup').execute();
  await db.deleteFrom('issuance_total_rollup').execute();

  const month = sql<string>`substr(day, 1, 7)`;
  await db
    .insertInto('issuance_rollup')
    .columns(['grain', 'period', 'type_code', 'department_code', 'issued'])
    .expression(
      db
        .selectFrom('issuance_daily')
        .select([sql<'MONTH'>`cast('MONTH' as text)`.as('grain'), month.as('period'), 'type_code', 'department_code', sql<number>`sum(issued)`.as('issued')])
        .groupBy([month, 'type_code', 'department_code']),
    )
    .execute();
  await sumFinerGrain(db, 'issuance_rollup', KEYED, { grain: 'YEAR' });

  await db
    .insertInto('issuance_total_rollup')
    .columns(['grain', 'period', 'issued'])
    .expression(
      db
        .selectFrom('issuance_daily')
        .select([sql<'DAY'>`cast('DAY' as text)`.as('grain'), 'day as period', sql<number>`sum(issued)`.as('issued')])
        .groupBy('day'),
    )
    .execute();
  await sumFinerGrain(db, 'issuance_total_rollup', TOTAL, { grain: 'MONTH' });
  await sumFinerGrain(db, 'issuance_total_rollup', TOTAL, { grain: 'YEAR' });
}

/** A day of issuance_daily whose count changed by `difference` (new count − old count). */
export interface IssuanceChange {
  type_code: string;
  department_code: string;
  day: string;
  difference: number;
}

/** Moves both rollups by the changes of some days of issuance_daily. */
export async function addIssuanceChanges(db: Kysely<Database>, changes: readonly IssuanceChange[]): Promise<void> {
  const moved = changes.filter((change) => change.difference !== 0);
  if (moved.length === 0) return;
  await addToRollup(
    db,
    'issuance_rollup',
    KEYED,
    KEYED_GRAINS,
    moved.map((change) => ({ day: change.day, keys: [change.type_code, change.department_code], counts: [change.difference] })),
  );
  await addToRollup(
    db,
    'issuance_total_rollup',
    TOTAL,
    TOTAL_GRAINS,
    moved.map((change) => ({ day: change.day, keys: [], counts: [change.difference] })),
  );
}
