/** Issuance aggregates over issuance_daily: per type, per department, per period, in total. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DateRange, Granularity } from '@govgraph/core';
import type { Database } from './schema.js';

export interface IssuanceScope extends DateRange {
  typeCode?: string | null;
  departmentCode?: string | null;
}

function scoped(db: Kysely<Database>, scope: IssuanceScope) {
  let query = db.selectFrom('issuance_daily').where('day', '>=', scope.from).where('day', '<=', scope.to);
  if (scope.typeCode != null) query = query.where('type_code', '=', scope.typeCode);
  if (scope.departmentCode != null) query = query.where('department_code', '=', scope.departmentCode);
  return query;
}

export interface IssuedByKey {
  code: string;
  issued: number;
}

/** Issued per type in a period: one GROUP BY for every type asked about. */
export async function issuedByTypes(db: Kysely<Database>, range: DateRange, typeCodes: readonly string[]): Promise<IssuedByKey[]> {
  const rows = await scoped(db, range)
    .where('type_code', 'in', typeCodes)
    .select((eb) => ['type_code as code', eb.fn.sum<number>('issued').as('issued')])
    .groupBy('type_code')
    .execute();
  return rows.map((r) => ({ code: r.code, issued: Number(r.issued) }));
}

/** Issued per department in a period: one GROUP BY for every department asked about. */
export async function issuedByDepartments(
  db: Kysely<Database>,
  range: DateRange,
  departmentCodes: readonly string[],
): Promise<IssuedByKey[]> {
  const rows = await scoped(db, range)
    .where('department_code', 'in', departmentCodes)
    .select((eb) => ['department_code as code', eb.fn.sum<number>('issued').as('issued')])
    .groupBy('department_code')
    .execute();
  return rows.map((r) => ({ code: r.code, issued: Number(r.issued) }));
}

/**
 * Certificates issued and the types issued over a scope, in one round trip. The types are counted
 * as the catalogue types with an issuance row in scope (an EXISTS per type, through the
 * (type, day) index) rather than as the distinct types of every row of the period: a year is
 * 52,000 rows to de-duplicate but 278 types to probe.
 */
export async function issuanceTotals(db: Kysely<Database>, scope: IssuanceScope): Promise<{ issued: number; types: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      scoped(db, scope)
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>('issued'), sql<number>`0`).as('issued'))
        .as('issued'),
      eb
        .selectFrom('certificate_types as t')
        .select((sub) => sub.fn.countAll<number>().as('types'))
        .where((sub) => sub.exists(scoped(db, scope).select(sql`1`.as('one')).where(sql<boolean>`issuance_daily.type_code = t.code`)))
        .as('types'),
    ])
    .executeTakeFirstOrThrow();
  return { issued: Number(row.issued ?? 0), types: Number(row.types ?? 0) };
}

/**
 * The label of a day's period in SQL, the same text `periodOf` gives in JS (`2021`, `2021-Q1`,
 * `2021-03`, `2021-03-01`), written with functions SQLite and PostgreSQL share.
 */
function periodLabel(granularity: Granularity): RawBuilder<string> {
  switch (granularity) {
    case 'DAY':
      return sql<string>`day`;
    case 'MONTH':
      return sql<string>`substr(day, 1, 7)`;
    case 'QUARTER':
      return sql<string>`substr(day, 1, 4) || '-Q' || cast((cast(substr(day, 6, 2) as integer) + 2) / 3 as text)`;
    case 'YEAR':
      return sql<string>`substr(day, 1, 4)`;
  }
}

/** Issued per period label, only for periods with issuance (the caller fills the gaps). */
export async function issuedByPeriod(
  db: Kysely<Database>,
  scope: IssuanceScope,
  granularity: Granularity,
): Promise<Map<string, number>> {
  const label = periodLabel(granularity);
  const rows = await scoped(db, scope)
    .select((eb) => [label.as('period'), eb.fn.sum<number>('issued').as('issued')])
    .groupBy(label)
    .execute();
  return new Map(rows.map((r) => [r.period, Number(r.issued)]));
}
