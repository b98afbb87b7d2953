/**
 * The application rollup (application_rollup): per day, month and year, per department and
 * channel, the four counts every application statistic is made of. Day rows are counted from the
 * applications by SQL, months summed from days and years from months, so the rollup holds exactly
 * what aggregating the applications gives. Whatever writes applications (the seed, an importer)
 * calls refreshApplicationRollup for the days it touched, in the same transaction.
 */
import { sql, type Kysely } from 'kysely';
import { clearPeriods, dayAfter, periodsAround, sumFinerGrain, type DateRange } from '@govgraph/core';
import type { Database } from './schema.js';

const KEYS = ['department_code', 'channel'] as const;
const COUNTS = ['handled', 'completed', 'rated', 'satisfied'] as const;

/**
 * The four counts over applications, as select expressions: 好差评 counts 非常满意, 满意 and 基本满意
 * (ratings 5, 4, 3) as satisfied, 不满意 and 非常不满意 as not.
 */
export function applicationCountColumns() {
  return [
    sql<number>`count(*)`.as('handled'),
    sql<number>`count(completed_at)`.as('completed'),
    sql<number>`count(rating)`.as('rated'),
    sql<number>`sum(case when rating >= 3 then 1 else 0 end)`.as('satisfied'),
  ] as const;
}

/** Recomputes the rollup for the days from..to (every day when omitted), their months and years. */
export async function refreshApplicationRollup(db: Kysely<Database>, range?: DateRange): Promise<void> {
  const [days, months, years] = periodsAround(range);
  for (const periods of [days, months, years]) await clearPeriods(db, 'application_rollup', periods);

  let counted = db
    .selectFrom('applications')
    .select([
      sql<'DAY'>`cast('DAY' as text)`.as('grain'),
      sql<string>`substr(submitted_at, 1, 10)`.as('period'),
      ...KEYS,
      ...applicationCountColumns(),
    ])
    .groupBy([sql`substr(submitted_at, 1, 10)`, ...KEYS]);
  if (range) counted = counted.where('submitted_at', '>=', range.from).where('submitted_at', '<', dayAfter(range.to));
  await db.insertInto('application_rollup').columns(['grain', 'period', ...KEYS, ...COUNTS]).expression(counted).execute();

  await sumFinerGrain(db, 'application_rollup', { keys: KEYS, counts: COUNTS }, { ...months, grain: 'MONTH' });
  await sumFinerGrain(db, 'application_rollup', { keys: KEYS, counts: COUNTS }, { ...years, grain: 'YEAR' });
}
