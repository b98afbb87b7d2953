/**
 * Issuance aggregates: per type, per department, per period, in total. Each sums the rows
 * issuance-spans.ts picks for its range (years and months from the rollups, the days at either
 * end from issuance_daily), so a year is a few hundred rows rather than 52,000.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DateRange, Granularity } from '@govgraph/core';
import type { Database } from './schema.js';
import { keyedIssuance, totalIssuance, typeIssuedIn, type SpanRows } from './issuance-spans.js';

export interface IssuanceScope extends DateRange {
  typeCode?: string | null;
  departmentCode?: string | null;
}

export interface IssuedByKey {
  code: string;
  issued: number;
}

async function sumsByCode(db: Kysely<Database>, rows: SpanRows): Promise<IssuedByKey[]> {
  const sums = await db
    .selectFrom(rows.as('r'))
    .select(['r.code', sql<number>`sum(r.issued)`.as('issued')])
    .groupBy('r.code')
    .execute();
  return sums.map((r) => ({ code: r.code, issued: Number(r.issued) }));
}

/** Issued per type in a period: one GROUP BY for every type asked about. */
export async function issuedByTypes(db: Kysely<Database>, range: DateRange, typeCodes: readonly string[]): Promise<IssuedByKey[]> {
  if (typeCodes.length === 0) return [];
  return sumsByCode(db, keyedIssuance(db, range, { coarsest: 'YEAR', key: 'type_code', filter: { typeCodes } }));
}

/** Issued per department in a period: one GROUP BY for every department asked about. */
export async function issuedByDepartments(
  db: Kysely<Database>,
  range: DateRange,
  departmentCodes: readonly string[],
): Promise<IssuedByKey[]> {
  if (departmentCodes.length === 0) return [];
  return sumsByCode(db, keyedIssuance(db, range, { coarsest: 'YEAR', key: 'department_code', filter: { departmentCodes } }));
}

/**
 * Certificates issued and the types issued over a scope, in one round trip. The total comes from
 * the city totals when nothing narrows the scope; the types are the catalogue types that pass
 * `typeIssuedIn` (278 to test, against a year's 52,000 day rows to de-duplicate).
 */
export async function issuanceTotals(db: Kysely<Database>, scope: IssuanceScope): Promise<{ issued: number; types: number }> {
  const filtered = scope.typeCode != null || scope.departmentCode != null;
  const rows = filtered ? keyedIssuance(db, scope, { coarsest: 'YEAR', filter: scope }) : totalIssuance(db, scope, 'YEAR');
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom(rows.as('r'))
        .select(sql<number>`coalesce(sum(r.issued), 0)`.as('issued'))
        .as('issued'),
      eb
        .selectFrom('certificate_types as t')
        .select((sub) => sub.fn.countAll<number>().as('types'))
        .where(typeIssuedIn(db, 't.code', scope, scope))
        .as('types'),
    ])
    .executeTakeFirstOrThrow();
  return { issued: Number(row.issued ?? 0), types: Number(row.types ?? 0) };
}

/**
 * The label of a row's period in SQL, the same text `periodOf` gives in JS (`2021`, `2021-Q1`,
 * `2021-03`, `2021-03-01`), written with functions SQLite and PostgreSQL share. A row's period is
 * at least as fine as the label (a day or a month for a quarter), so its leading characters say
 * which label it falls under.
 */
function periodLabel(granularity: Granularity): RawBuilder<string> {
  switch (granularity) {
    case 'DAY':
      return sql<string>`period`;
    case 'MONTH':
      return sql<string>`substr(period, 1, 7)`;
    case 'QUARTER':
      return sql<string>`substr(period, 1, 4) || '-Q' || cast((cast(substr(period, 6, 2) as integer) + 2) / 3 as text)`;
    case 'YEAR':
      return sql<string>`substr(period, 1, 4)`;
  }
}

/** Issued per period label, only for periods with issuance (the caller fills the gaps). */
export async function issuedByPeriod(
  db: Kysely<Database>,
  scope: IssuanceScope,
  granularity: Granularity,
): Promise<Map<string, number>> {
  // The coarsest rows whose periods still fall inside one label each.
  const coarsest = granularity === 'YEAR' ? 'YEAR' : granularity === 'DAY' ? 'DAY' : 'MONTH';
  const filtered = scope.typeCode != null || scope.departmentCode != null;
  const rows = filtered ? keyedIssuance(db, scope, { coarsest, filter: scope }) : totalIssuance(db, scope, coarsest);
  const label = periodLabel(granularity);
  const sums = await db
    .selectFrom(rows.as('r'))
    .select([label.as('label'), sql<number>`sum(r.issued)`.as('issued')])
    .groupBy(label)
    .execute();
  return new Map(sums.map((r) => [r.label, Number(r.issued)]));
}
