/**
 * The rows a period of issuance is summed from, cut by core's `rollupSpans`: whole years from year
 * rows, whole months from month rows, the days at either end from day rows. Per type and
 * department the year and month rows are issuance_rollup's and the day rows issuance_daily's own;
 * for every type together all three are issuance_total_rollup's. Either way a subquery of
 * `(code, period, issued)` rows, which the statistics sum and group as they need.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { rollupSpans, type DateRange, type RollupGrain, type RollupSpan } from '@govgraph/core';
import type { Database } from './schema.js';

export interface IssuanceRow {
  /** The key column asked for (type or department code); '' when none was. */
  code: string;
  /** A day, month or year, in the grain's own form. */
  period: string;
  issued: number;
}

/** Which keys' rows: equality or membership per column, any combination. */
export interface KeyFilter {
  typeCode?: string | null;
  departmentCode?: string | null;
  typeCodes?: readonly string[];
  departmentCodes?: readonly string[];
}

export type SpanRows = SelectQueryBuilder<Database, any, IssuanceRow>;

/** The filter as conditions on `type_code` and `department_code`, which both tables read here have. */
function conditions(filter: KeyFilter): RawBuilder<SqlBool>[] {
  const matches: RawBuilder<SqlBool>[] = [];
  const equal = (column: string, value: string) => sql<SqlBool>`${sql.ref(column)} = ${value}`;
  const among = (column: string, values: readonly string[]) => sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
  if (filter.typeCode != null) matches.push(equal('type_code', filter.typeCode));
  if (filter.departmentCode != null) matches.push(equal('department_code', filter.departmentCode));
  if (filter.typeCodes) matches.push(among('type_code', filter.typeCodes));
  if (filter.departmentCodes) matches.push(among('department_code', filter.departmentCodes));
  return matches;
}

function unionAll(parts: SpanRows[]): SpanRows {
  const [first, ...rest] = parts;
  return rest.reduce((union, part) => union.unionAll(part), first!);
}

/** One span's rows per type and department: issuance_daily's for days, issuance_rollup's otherwise. */
function keyedSpan(db: Kysely<Database>, span: RollupSpan, code: RawBuilder<string>, filter: KeyFilter): SpanRows {
  const rows: SpanRows =
    span.grain === 'DAY'
      ? db
          .selectFrom('issuance_daily')
          .select([code.as('code'), 'day as period', 'issued'])
          .where('day', '>=', span.from)
          .where('day', '<=', span.to)
      : db
          .selectFrom('issuance_rollup')
          .select([code.as('code'), 'period', 'issued'])
          .where('grain', '=', span.grain)
          .where('period', '>=', span.from)
          .where('period', '<=', span.to);
  return conditions(filter).reduce((query, condition: Expression<SqlBool>) => query.where(condition), rows);
}

/**
 * Per type and department: the rows covering `range`, each carrying `key` (a type or department
 * code) as `code`. `coarsest` is the coarsest grain the caller can use: DAY for a trend by day,
 * MONTH for one by month or quarter, YEAR otherwise.
 */
export function keyedIssuance(
  db: Kysely<Database>,
  range: DateRange,
  options: { coarsest: RollupGrain; key?: 'type_code' | 'department_code'; filter?: KeyFilter },
): SpanRows {
  const code = options.key ? sql<string>`${sql.ref(options.key)}` : sql<string>`''`;
  return unionAll(rollupSpans(range.from, range.to, options.coarsest).map((span) => keyedSpan(db, span, code, options.filter ?? {})));
}

/**
 * Whether the certificate type `typeColumn` (an outer query's column, e.g. `t.code`) issued
 * anything in `range` under `filter`: its code among the year and month rows, or else a day row
 * at either end, looked up through issuance_daily's (type, day) index. Asking per type keeps a
 * range's edge days (a few thousand rows of every type) from being read in full.
 */
export function typeIssuedIn(db: Kysely<Database>, typeColumn: string, range: DateRange, filter: KeyFilter = {}): RawBuilder<SqlBool> {
  const spans = rollupSpans(range.from, range.to, 'YEAR');
  const type = sql.ref(typeColumn);
  const tests: RawBuilder<SqlBool>[] = [];
  // Kysely puts a query embedded in `sql` in parentheses itself.
  const rolled = spans.filter((span) => span.grain !== 'DAY').map((span) => keyedSpan(db, span, sql<string>`type_code`, filter));
  if (rolled.length > 0) tests.push(sql<SqlBool>`${type} in (select r.code from ${unionAll(rolled)} as r)`);
  for (const span of spans.filter((s) => s.grain === 'DAY')) {
    const days = keyedSpan(db, span, sql<string>`type_code`, filter).where(sql<SqlBool>`issuance_daily.type_code = ${type}`);
    tests.push(sql<SqlBool>`exists ${days}`);
  }
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

/** Every type and department together: the total rows covering `range` (`code` is ''). */
export function totalIssuance(db: Kysely<Database>, range: DateRange, coarsest: RollupGrain): SpanRows {
  return unionAll(
    rollupSpans(range.from, range.to, coarsest).map((span) =>
      db
        .selectFrom('issuance_total_rollup')
        .select([sql<string>`''`.as('code'), 'period', 'issued'])
        .where('grain', '=', span.grain)
        .where('period', '>=', span.from)
        .where('period', '<=', span.to),
    ),
  );
}

/**
 * The first day any count can be on: the lower end of "everything up to a day". Any day before
 * the first issuance will do; this one keeps rollupSpans' date arithmetic in ordinary years.
 */
export const BEGINNING = '1900-01-01';
