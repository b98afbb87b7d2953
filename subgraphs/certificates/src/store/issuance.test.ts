/**
 * Every period statistic reads the rollups (whole years, whole months, edge days); each must give
 * exactly what summing issuance_daily directly gives, for ranges cut every way a caller can cut
 * them, over two and a half years of dense random issuance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addDays, createRandom, periodOf, type DateRange, type Granularity } from '@govgraph/core';
import { D1, D2, D3, D4, FIXTURE, openFixture, T1, T2, T3, T5, T6, type FixtureDatabase } from '../__fixtures__/fixture.js';
import { issuanceTotals, issuedByDepartments, issuedByPeriod, issuedByTypes, type IssuanceScope } from './issuance.js';
import type { IssuanceDailyTable } from './schema.js';
import { certificateStatistics } from './statistics.js';

/** Days from 2020-06-10 to 2022-12-20, a third of them with issuance for each issuing type. */
function denseIssuance(): IssuanceDailyTable[] {
  const random = createRandom('issuance-rollup-test');
  const issuers: [string, string][] = [[T1, D1], [T2, D1], [T3, D2], [T5, D2], [T6, D4]];
  const rows: IssuanceDailyTable[] = [];
  for (let day = '2020-06-10'; day <= '2022-12-20'; day = addDays(day, 1)) {
    for (const [type, department] of issuers) {
      if (random.next() < 0.33) rows.push({ type_code: type, department_code: department, day, issued: random.int(1, 500) });
    }
  }
  return rows;
}

let fixture: FixtureDatabase;
beforeAll(async () => {
  fixture = await openFixture({ ...FIXTURE, issuanceDaily: denseIssuance() });
});
afterAll(() => fixture.close());

const RANGES: [string, DateRange][] = [
  ['a whole year', { from: '2021-01-01', to: '2021-12-31' }],
  ['partial months at both ends', { from: '2021-01-15', to: '2021-12-15' }],
  ['a single day', { from: '2021-07-14', to: '2021-07-14' }],
  ['a single day without issuance', { from: '2019-03-01', to: '2019-03-01' }],
  ['days inside one month', { from: '2021-03-05', to: '2021-03-20' }],
  ['a whole month', { from: '2021-02-01', to: '2021-02-28' }],
  ['from a month start to mid-month', { from: '2021-04-01', to: '2021-09-17' }],
  ['from mid-month to a month end', { from: '2021-04-17', to: '2021-09-30' }],
  ['across a year end, mid-month at both ends', { from: '2020-11-20', to: '2022-02-03' }],
  ['across a year end, by whole months', { from: '2020-12-01', to: '2021-01-31' }],
  ['two whole years and edge months', { from: '2020-07-01', to: '2022-11-30' }],
  ['everything and more', { from: '2019-01-01', to: '2023-12-31' }],
];

const FILTERS: [string, Omit<IssuanceScope, 'from' | 'to'>][] = [
  ['no filter', {}],
  ['a type', { typeCode: T1 }],
  ['a department', { departmentCode: D2 }],
  ['a type and its department', { typeCode: T3, departmentCode: D2 }],
  ['a type and another department', { typeCode: T1, departmentCode: D2 }],
  ['a department without issuance', { departmentCode: D3 }],
];

/** issuance_daily's rows in a scope, straight from the table. */
async function dailyRows(scope: IssuanceScope): Promise<IssuanceDailyTable[]> {
  let query = fixture.db.selectFrom('issuance_daily').selectAll().where('day', '>=', scope.from).where('day', '<=', scope.to);
  if (scope.typeCode != null) query = query.where('type_code', '=', scope.typeCode);
  if (scope.departmentCode != null) query = query.where('department_code', '=', scope.departmentCode);
  return query.execute();
}

function sumBy(rows: IssuanceDailyTable[], keyOf: (row: IssuanceDailyTable) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + row.issued);
  return sums;
}

const byCode = (rows: { code: string; issued: number }[]) => new Map(rows.map((r) => [r.code, r.issued]));

describe('issuance statistics from the rollups', () => {
  it('the dataset has issuance on most days of every range, so the comparison means something', async () => {
    expect((await dailyRows({ from: '2021-01-01', to: '2021-12-31' })).length).toBeGreaterThan(500);
    const { n } = await fixture.db.selectFrom('issuance_rollup').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(100);
  });

  for (const [rangeName, range] of RANGES) {
    describe(rangeName, () => {
      for (const [filterName, filter] of FILTERS) {
        it(`issued, types and every trend match issuance_daily (${filterName})`, async () => {
          const scope = { ...range, ...filter };
          const rows = await dailyRows(scope);
          expect(await issuanceTotals(fixture.db, scope)).toEqual({
            issued: rows.reduce((sum, row) => sum + row.issued, 0),
            types: new Set(rows.map((row) => row.type_code)).size,
          });
          for (const granularity of ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as Granularity[]) {
            expect(await issuedByPeriod(fixture.db, scope, granularity), granularity).toEqual(sumBy(rows, (row) => periodOf(row.day, granularity)));
          }
        });
      }

      it('per type and per department match issuance_daily', async () => {
        const rows = await dailyRows(range);
        expect(byCode(await issuedByTypes(fixture.db, range, [T1, T2, T3, T5, T6]))).toEqual(sumBy(rows, (row) => row.type_code));
        expect(byCode(await issuedByDepartments(fixture.db, range, [D1, D2, D3, D4]))).toEqual(sumBy(rows, (row) => row.department_code));
        // Only the keys asked about.
        expect(byCode(await issuedByDepartments(fixture.db, range, [D2]))).toEqual(sumBy(rows.filter((row) => row.department_code === D2), (row) => row.department_code));
      });
    });
  }

  it('certificateStatistics counts everything issued by a day, as issuance_daily does', async () => {
    for (const asOf of ['2019-12-31', '2020-06-10', '2020-12-31', '2021-03-15', '2021-12-31', '2022-08-31', '2030-01-01']) {
      const rows = await dailyRows({ from: '0000-01-01', to: asOf });
      const catalogued = await fixture.db
        .selectFrom('certificate_types')
        .select('code')
        .where('in_city_catalog', '=', 1)
        .where('added_on', '<=', asOf)
        .execute();
      const issuedCodes = new Set(rows.map((row) => row.type_code));
      const statistics = await certificateStatistics(fixture.db, asOf);
      expect(statistics.issuedTotal, asOf).toBe(rows.reduce((sum, row) => sum + row.issued, 0));
      expect(statistics.issuedTypes, asOf).toBe(catalogued.filter((t) => issuedCodes.has(t.code)).length);
    }
  });
});
