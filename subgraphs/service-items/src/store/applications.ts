/**
 * Applications (办件) handled in the city service center. Every figure is one aggregate over the
 * applications submitted in a period; the indexes end in submitted_at so a period is a range
 * scan, and the hot ones also carry completed_at and rating so the table itself is not read.
 */
import { sql, type Kysely } from 'kysely';
import { dayAfter, rate } from '@govgraph/core';
import type { ApplicationStatistics } from '../__generated__/resolvers-types.js';
import type { ApplicationChannel, Database } from './schema.js';

/**
 * The number the seeded dataset gives its applications (办件编号): `ZJBJ` and the id in ten digits.
 * Migration 0002 writes the same numbers into databases seeded before numbers existed.
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

/**
 * 好差评 counts 非常满意, 满意 and 基本满意 (ratings 5, 4, 3) as satisfied, 不满意 and
 * 非常不满意 as not.
 */
const SATISFIED = sql<number>`case when rating >= 3 then 1 else 0 end`;

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

function inPeriod(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('applications')
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', dayAfter(to));
}

function counts(row: { handled: number; completed: number; rated: number; satisfied: number | null }): ApplicationCounts {
  return {
    handled: Number(row.handled),
    completed: Number(row.completed),
    rated: Number(row.rated),
    satisfied: Number(row.satisfied ?? 0),
  };
}

export async function applicationCounts(db: Kysely<Database>, q: ApplicationQuery): Promise<ApplicationCounts> {
  let query = inPeriod(db, q.from, q.to);
  if (q.departmentCode != null) query = query.where('department_code', '=', q.departmentCode);
  if (q.itemCode != null) query = query.where('item_code', '=', q.itemCode);
  if (q.channel != null) query = query.where('channel', '=', q.channel);
  const row = await query
    .select((eb) => [
      eb.fn.countAll<number>().as('handled'),
      eb.fn.count<number>('completed_at').as('completed'),
      eb.fn.count<number>('rating').as('rated'),
      eb.fn.sum<number | null>(SATISFIED).as('satisfied'),
    ])
    .executeTakeFirstOrThrow();
  return counts(row);
}

/** The same figures for many departments at once: one GROUP BY per period. */
export async function applicationCountsByDepartment(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
  from: string,
  to: string,
): Promise<(ApplicationCounts & { department_code: string })[]> {
  const rows = await inPeriod(db, from, to)
    .where('department_code', 'in', departmentCodes)
    .select((eb) => [
      'department_code',
      eb.fn.countAll<number>().as('handled'),
      eb.fn.count<number>('completed_at').as('completed'),
      eb.fn.count<number>('rating').as('rated'),
      eb.fn.sum<number | null>(SATISFIED).as('satisfied'),
    ])
    .groupBy('department_code')
    .execute();
  return rows.map((r) => ({ department_code: r.department_code, ...counts(r) }));
}
