import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@govgraph/core';
import { badUserInputOf, D1, D2, D3, D4, openFixture, T1, T2, T3, T4, T5, T6, T7, type FixtureDatabase } from '../__fixtures__/fixture.js';

let fixture: FixtureDatabase;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => fixture.close());

const STATISTICS = /* GraphQL */ `
  query ($asOf: Date!) {
    certificateStatistics(asOf: $asOf) {
      onboardedDepartments catalogTypes serviceEnabledTypes issuedTypes ingestionRate
      issuedTotal stationedItems itemsUsingCertificates usageRate
    }
  }
`;

describe('certificateStatistics', () => {
  it('counts the system as it stood at the end of 2021', async () => {
    const { data, errors } = await fixture.execute(STATISTICS, { asOf: '2021-12-31' });
    expect(errors).toBeUndefined();
    expect(data.certificateStatistics).toEqual({
      onboardedDepartments: 2,
      catalogTypes: 5, // T1–T5: T6 is outside the catalogue, T7 joined it in 2022
      serviceEnabledTypes: 4, // T1, T2, T3, T5
      issuedTypes: 3, // T1, T2, T3
      ingestionRate: 0.6,
      issuedTotal: 295,
      stationedItems: 4,
      itemsUsingCertificates: 2, // I1, I2: I3 accepts a type only from 2022
      usageRate: 0.5,
    });
  });

  it('leaves out what came after the date', async () => {
    const { data } = await fixture.execute(STATISTICS, { asOf: '2021-02-28' });
    expect(data.certificateStatistics).toEqual({
      onboardedDepartments: 1,
      catalogTypes: 1,
      serviceEnabledTypes: 1,
      issuedTypes: 1,
      ingestionRate: 1,
      issuedTotal: 170,
      stationedItems: 1,
      itemsUsingCertificates: 1,
      usageRate: 1,
    });
  });

  it('gives rates of 0, not an error, before there is anything to divide by', async () => {
    const { data, errors } = await fixture.execute(STATISTICS, { asOf: '2019-12-31' });
    expect(errors).toBeUndefined();
    expect(data.certificateStatistics).toMatchObject({ catalogTypes: 0, ingestionRate: 0, stationedItems: 0, usageRate: 0, issuedTotal: 0 });
  });

  it('rejects a date that is not a calendar day', async () => {
    expect(badUserInputOf(await fixture.execute(STATISTICS, { asOf: '2021-02-30' })).message).toMatch(/YYYY-MM-DD/);
  });
});

describe('certificateType and certificateTypes', () => {
  const TYPE = /* GraphQL */ `
    query ($code: ID!) {
      certificateType(code: $code) {
        code name inCityCatalog issuanceEnabled holderKind validityYears
        issuingDepartment { code }
        issued(from: "2021-01-01", to: "2021-03-31")
      }
    }
  `;

  it('maps a row to the type', async () => {
    const { data } = await fixture.execute(TYPE, { code: T1 });
    expect(data.certificateType).toEqual({
      code: T1,
      name: '居民户口簿',
      inCityCatalog: true,
      issuanceEnabled: true,
      holderKind: 'PERSON',
      validityYears: null,
      issuingDepartment: { code: D1 },
      issued: 170,
    });
    const { data: other } = await fixture.execute(TYPE, { code: T6 });
    expect(other.certificateType).toMatchObject({ inCityCatalog: false, holderKind: 'ORGANIZATION', validityYears: 3, issued: 0 });
  });

  it('answers null for an unknown code', async () => {
    const { data, errors } = await fixture.execute(TYPE, { code: 'NO-SUCH-TYPE' });
    expect(errors).toBeUndefined();
    expect(data.certificateType).toBeNull();
  });

  const LIST = /* GraphQL */ `
    query ($filter: CertificateTypeFilter, $first: Int, $after: String) {
      certificateTypes(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { code } }
      }
    }
  `;
  const codesOf = (data: any): string[] => data.certificateTypes.edges.map((e: any) => e.node.code);

  it('pages through every type by code with cursors', async () => {
    const all = [T1, T2, T3, T4, T5, T6, T7].sort();
    const first = await fixture.execute(LIST, { first: 3 });
    expect(first.data.certificateTypes.totalCount).toBe(7);
    expect(codesOf(first.data)).toEqual(all.slice(0, 3));
    expect(first.data.certificateTypes.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(all[2]!) });

    const second = await fixture.execute(LIST, { first: 3, after: first.data.certificateTypes.pageInfo.endCursor });
    expect(codesOf(second.data)).toEqual(all.slice(3, 6));
    expect(second.data.certificateTypes.totalCount).toBe(7);
    expect(second.data.certificateTypes.pageInfo.hasNextPage).toBe(true);

    const last = await fixture.execute(LIST, { first: 3, after: second.data.certificateTypes.pageInfo.endCursor });
    expect(codesOf(last.data)).toEqual(all.slice(6));
    expect(last.data.certificateTypes.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(all[6]!) });
  });

  it('filters, with totalCount over the filter', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ departmentCode: D2 }, [T3, T4, T5, T7]],
      [{ departmentCode: D3 }, []],
      [{ inCityCatalog: false }, [T6]],
      [{ issuanceEnabled: false }, [T4, T7]],
      [{ holderKind: 'PERSON' }, [T1, T2]],
      [{ departmentCode: D2, issuanceEnabled: true, holderKind: 'ORGANIZATION' }, [T3, T5]],
      [{ nameContains: '许可证' }, [T4, T6]],
    ];
    for (const [filter, expected] of cases) {
      const { data, errors } = await fixture.execute(LIST, { filter });
      expect(errors).toBeUndefined();
      expect(codesOf(data)).toEqual(expected.sort());
      expect(data.certificateTypes.totalCount).toBe(expected.length);
    }
  });

  it('matches % and _ in nameContains literally', async () => {
    for (const text of ['100%', '净_水']) {
      const { data } = await fixture.execute(LIST, { filter: { nameContains: text } });
      expect(codesOf(data)).toEqual([T5]);
    }
    const { data } = await fixture.execute(LIST, { filter: { nameContains: '%' } });
    expect(codesOf(data)).toEqual([T5]);
  });

  it('rejects bad arguments with BAD_USER_INPUT', async () => {
    expect(badUserInputOf(await fixture.execute(LIST, { first: 0 })).argument).toBe('first');
    expect(badUserInputOf(await fixture.execute(LIST, { first: 201 })).message).toMatch(/between 1 and 200/);
    expect(badUserInputOf(await fixture.execute(LIST, { after: 'not a cursor!' })).argument).toBe('after');
    expect(badUserInputOf(await fixture.execute(LIST, { after: 'bm9wZQ' })).argument).toBe('after');
    const unknown = badUserInputOf(await fixture.execute(LIST, { filter: { departmentCode: '11440800NOSUCH000X' } }));
    expect(unknown).toMatchObject({ argument: 'departmentCode' });
    expect(unknown.message).toContain('11440800NOSUCH000X');
    expect(badUserInputOf(await fixture.execute(LIST, { filter: { nameContains: '证'.repeat(101) } })).message).toMatch(
      /at most 100 characters/,
    );
  });
});

describe('issuanceStatistics', () => {
  const ISSUANCE = /* GraphQL */ `
    query ($filter: IssuanceFilter!) { issuanceStatistics(filter: $filter) { issued types } }
  `;

  it('sums issuance over a filter', async () => {
    const cases: [Record<string, unknown>, { issued: number; types: number }][] = [
      [{ from: '2021-01-01', to: '2021-12-31' }, { issued: 295, types: 3 }],
      [{ from: '2021-01-05', to: '2021-06-02' }, { issued: 50 + 20 + 5 + 7 + 40, types: 3 }],
      [{ from: '2021-01-01', to: '2021-12-31', departmentCode: D2 }, { issued: 110, types: 1 }],
      [{ from: '2021-01-01', to: '2021-12-31', typeCode: T2 }, { issued: 10, types: 1 }],
      [{ from: '2021-12-30', to: '2021-12-31', departmentCode: D1 }, { issued: 3, types: 1 }],
      [{ from: '2021-01-01', to: '2021-12-31', departmentCode: D3 }, { issued: 0, types: 0 }],
      [{ from: '2021-01-01', to: '2021-12-31', typeCode: T5 }, { issued: 0, types: 0 }],
    ];
    for (const [filter, expected] of cases) {
      const { data, errors } = await fixture.execute(ISSUANCE, { filter });
      expect(errors).toBeUndefined();
      expect(data.issuanceStatistics).toEqual(expected);
    }
  });

  it('rejects a reversed range, an unknown department and an unknown type', async () => {
    const reversed = badUserInputOf(await fixture.execute(ISSUANCE, { filter: { from: '2021-12-31', to: '2021-01-01' } }));
    expect(reversed.message).toMatch(/after/);
    const department = badUserInputOf(
      await fixture.execute(ISSUANCE, { filter: { from: '2021-01-01', to: '2021-12-31', departmentCode: 'X' } }),
    );
    expect(department.argument).toBe('departmentCode');
    const type = badUserInputOf(
      await fixture.execute(ISSUANCE, { filter: { from: '2021-01-01', to: '2021-12-31', typeCode: 'NOPE' } }),
    );
    expect(type).toEqual({ message: expect.stringContaining('NOPE'), argument: 'typeCode' });
  });
});

describe('issuanceTrend', () => {
  const TREND = /* GraphQL */ `
    query ($filter: IssuanceFilter!, $granularity: Granularity!) {
      issuanceTrend(filter: $filter, granularity: $granularity) { period from to issued }
    }
  `;
  const year = { from: '2021-01-01', to: '2021-12-31' };

  it('gives every month, empty ones as 0, in one GROUP BY', async () => {
    fixture.resetQueries();
    const { data } = await fixture.execute(TREND, { filter: year, granularity: 'MONTH' });
    expect(data.issuanceTrend.map((p: any) => p.issued)).toEqual([150, 20, 40, 5, 0, 7, 60, 0, 0, 0, 0, 13]);
    expect(data.issuanceTrend[1]).toEqual({ period: '2021-02', from: '2021-02-01', to: '2021-02-28', issued: 20 });
    expect(fixture.queries).toHaveLength(1);
    expect(fixture.queries[0]).toMatch(/group by/i);
  });

  it('gives quarters, years and days with the report labels', async () => {
    const quarters = await fixture.execute(TREND, { filter: year, granularity: 'QUARTER' });
    expect(quarters.data.issuanceTrend).toEqual([
      { period: '2021-Q1', from: '2021-01-01', to: '2021-03-31', issued: 210 },
      { period: '2021-Q2', from: '2021-04-01', to: '2021-06-30', issued: 12 },
      { period: '2021-Q3', from: '2021-07-01', to: '2021-09-30', issued: 60 },
      { period: '2021-Q4', from: '2021-10-01', to: '2021-12-31', issued: 13 },
    ]);
    const years = await fixture.execute(TREND, { filter: { from: '2020-06-01', to: '2021-12-31' }, granularity: 'YEAR' });
    expect(years.data.issuanceTrend).toEqual([
      { period: '2020', from: '2020-06-01', to: '2020-12-31', issued: 0 },
      { period: '2021', from: '2021-01-01', to: '2021-12-31', issued: 295 },
    ]);
    const days = await fixture.execute(TREND, { filter: { from: '2021-01-03', to: '2021-01-06', typeCode: T1 }, granularity: 'DAY' });
    expect(days.data.issuanceTrend.map((p: any) => [p.period, p.issued])).toEqual([
      ['2021-01-03', 0],
      ['2021-01-04', 100],
      ['2021-01-05', 50],
      ['2021-01-06', 0],
    ]);
  });

  it('clips the first and last period to the range and applies the filter', async () => {
    const { data } = await fixture.execute(TREND, {
      filter: { from: '2021-01-05', to: '2021-07-14', departmentCode: D1 },
      granularity: 'QUARTER',
    });
    expect(data.issuanceTrend).toEqual([
      { period: '2021-Q1', from: '2021-01-05', to: '2021-03-31', issued: 70 },
      { period: '2021-Q2', from: '2021-04-01', to: '2021-06-30', issued: 12 },
      { period: '2021-Q3', from: '2021-07-01', to: '2021-07-14', issued: 0 },
    ]);
  });

  it('rejects a DAY trend over too many days and a reversed range', async () => {
    expect(
      badUserInputOf(await fixture.execute(TREND, { filter: { from: '2000-01-01', to: '2021-12-31' }, granularity: 'DAY' })).argument,
    ).toBe('granularity');
    expect(
      badUserInputOf(await fixture.execute(TREND, { filter: { from: '2021-02-01', to: '2021-01-31' }, granularity: 'MONTH' })).argument,
    ).toBe('from');
  });
});
