/**
 * Applications (办件) handled in the city service center. Every figure is one aggregate over the
 * applications submitted in a period: read from the rollup (application-rollup.ts) for the whole
 * center, a department or a channel, since a full year there is a hundred-odd rows; counted from
 * the applications themselves only for an item, whose index holds a few hundred of them a year.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { dayAfter, rate, rollupSpans } from '@govgraph/core';
import type { ApplicationStatistics } from '../__generated__/resolvers-types.js';
import { applicationCountColumns } from './application-rollup.js';
import type { ApplicationChannel, Database } from './schema.js';

/**
 * The number the seeded dataset gives its applications (办件编号): `ZJBJ` and the id in ten digits.
 * Migration 0003 writes the same numbers into databases seeded before numbers existed.
 */
export function applicationNumber(id: number): string {
  return `ZJBJ${String(id).padStart(10, '0')}`;
}

export interface ApplicationQuery {
  from: string;
  to: string;
  departmentCode?: string | null;
  itemCode?: string | null;
  channel?: ApplicationChannel | null;
}

export interface ApplicationCounts {
  handled: number;
  completed: number;
  rated: number;
  satisfied: number;
}

export const NO_APPLICATIONS: ApplicationCounts = { handled: 0, completed: 0, rated: 0, satisfied: 0 };

export function toStatistics(c: ApplicationCounts): ApplicationStatistics {
  return { ...c, completionRate: rate(c.completed, c.handled), satisfactionRate: rate(c.satisfied, c.rated) };
}

function counts(row: { handled: number | null; completed: number | null; rated: number | null; satisfied: number | null }): ApplicationCounts {
  return {
    handled: Number(row.handled ?? 0),
    completed: Number(row.completed ?? 0),
    rated: Number(row.rated ?? 0),
    satisfied: Number(row.satisfied ?? 0),
  };
}

interface RollupCounts {
  department_code: string;
  handled: number;
  completed: number;
  rated: number;
  satisfied: number;
}

/** The rollup rows covering the days from..to: years, then months, then the days at either end. */
function rollupRows(db: Kysely<Database>, from: string, to: string, narrow: (rows: RollupSource) => RollupSource): RollupSource {
  const [first, ...rest] = rollupSpans(from, to, 'YEAR').map((span) =>
    narrow(
      db
        .selectFrom('application_rollup')
        .select(['department_code', 'handled', 'completed', 'rated', 'satisfied'])
        .where('grain', '=', span.grain)
        .where('period', '>=', span.from)
        .where('period', '<=', span.to),
    ),
  );
  return rest.reduce((union, rows) => union.unionAll(rows), first!);
}

type RollupSource = SelectQueryBuilder<Database, 'application_rollup', RollupCounts>;

const SUMS = [
  sql<number>`sum(handled)`.as('handled'),
  sql<number>`sum(completed)`.as('completed'),
  sql<number>`sum(rated)`.as('rated'),
  sql<number>`sum(satisfied)`.as('satisfied'),
] as const;

export async function applicationCounts(db: Kysely<Database>, q: ApplicationQuery): Promise<ApplicationCounts> {
  if (q.itemCode != null) return itemCounts(db, { ...q, itemCode: q.itemCode });
  const rows = rollupRows(db, q.from, q.to, (rows) => {
    let narrowed = rows;
    if (q.departmentCode != null) narrowed = narrowed.where('department_code', '=', q.departmentCode);
    if (q.channel != null) narrowed = narrowed.where('channel', '=', q.channel);
    return narrowed;
  });
  return counts(await db.selectFrom(rows.as('r')).select(SUMS).executeTakeFirstOrThrow());
}

/** An item's applications, counted from the applications through the item index. */
async function itemCounts(db: Kysely<Database>, q: ApplicationQuery & { itemCode: string }): Promise<ApplicationCounts> {
  let query = db
    .selectFrom('applications')
    .where('item_code', '=', q.itemCode)
    .where('submitted_at', '>=', q.from)
    .where('submitted_at', '<', dayAfter(q.to));
  if (q.departmentCode != null) query = query.where('department_code', '=', q.departmentCode);
  if (q.channel != null) query = query.where('channel', '=', q.channel);
  return counts(await query.select(applicationCountColumns()).executeTakeFirstOrThrow());
}

/** The same figures for many departments at once: one GROUP BY over their rollup rows. */
export async function applicationCountsByDepartment(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
  from: string,
  to: string,
): Promise<(ApplicationCounts & { department_code: string })[]> {
  const rows = rollupRows(db, from, to, (rows) => rows.where('department_code', 'in', departmentCodes));
  const sums = await db
    .selectFrom(rows.as('r'))
    .select(['department_code', ...SUMS])
    .groupBy('department_code')
    .execute();
  return sums.map((r) => ({ department_code: r.department_code, ...counts(r) }));
}
