/**
 * `_entities` as the gateway sends it: many representations at once must cost one SQL query per
 * entity type and per field that reads the database (per argument set for statistics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory } from '@govgraph/core';
import { badUserInputOf, D1, D2, D3, D4, I1, I2, I3, I4, I5, openFixture, T1, T2, T3, T6, type FixtureDatabase } from '../__fixtures__/fixture.js';

let fixture: FixtureDatabase;
beforeAll(async () => {
  fixture = await openFixture();
});
afterAll(() => fixture.close());

const cityDepartments = directory().departments.filter((d) => d.level === 'CITY').map((d) => d.code);
const reps = (typename: string, codes: string[]) => codes.map((code) => ({ __typename: typename, code }));

describe('Department', () => {
  const DEPARTMENTS = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Department {
          code
          onboardedToCertificateSystem
          certificatesIssued(from: "2021-01-01", to: "2021-12-31")
          firstHalf: certificatesIssued(from: "2021-01-01", to: "2021-06-30")
          certificateTypes { code }
        }
      }
    }
  `;

  it('answers 70 departments with one query per field and period', async () => {
    const codes = [...cityDepartments, D4, 'NOT-A-DEPARTMENT'];
    fixture.resetQueries();
    const { data, errors } = await fixture.execute(DEPARTMENTS, { representations: reps('Department', codes) });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(codes.length);
    // onboarding, types, and one issuance GROUP BY per (from, to).
    expect(fixture.queries).toHaveLength(4);
    expect(fixture.queries.filter((q) => /group by/i.test(q))).toHaveLength(2);

    const byCode = new Map(data._entities.map((e: any) => [e.code, e]));
    expect(byCode.get(D1)).toEqual({
      code: D1,
      onboardedToCertificateSystem: true,
      certificatesIssued: 185,
      firstHalf: 182,
      certificateTypes: [{ code: T1 }, { code: T2 }],
    });
    expect(byCode.get(D2)).toMatchObject({ onboardedToCertificateSystem: true, certificatesIssued: 110, firstHalf: 40 });
    expect(byCode.get(D4)).toMatchObject({ onboardedToCertificateSystem: false, certificatesIssued: 0, certificateTypes: [{ code: T6 }] });
    // Entities this system has no row for still exist in the graph.
    for (const code of [D3, 'NOT-A-DEPARTMENT']) {
      expect(byCode.get(code)).toEqual({ code, onboardedToCertificateSystem: false, certificatesIssued: 0, firstHalf: 0, certificateTypes: [] });
    }
  });

  it('rejects a reversed period', async () => {
    const outcome = await fixture.execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Department { certificatesIssued(from: "2021-06-30", to: "2021-01-01") } } }`,
      { representations: reps('Department', [D1]) },
    );
    expect(badUserInputOf(outcome).argument).toBe('from');
  });
});

describe('ServiceItem', () => {
  const ITEMS = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on ServiceItem { code onboardedToCertificateSystem usesElectronicCertificates acceptedCertificateTypes { code name } }
      }
    }
  `;

  it('answers many items with one query for onboarding and one for accepted types', async () => {
    const others = directory().items.slice(5, 300).map((i) => i.code);
    const codes = [I1, I2, I3, I4, I5, ...others, 'NOT-AN-ITEM'];
    fixture.resetQueries();
    const { data, errors } = await fixture.execute(ITEMS, { representations: reps('ServiceItem', codes) });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(codes.length);
    expect(fixture.queries).toHaveLength(2);

    const [i1, i2, i3, i4, i5] = data._entities;
    expect(i1).toEqual({
      code: I1,
      onboardedToCertificateSystem: true,
      usesElectronicCertificates: true,
      acceptedCertificateTypes: [T1, T3].sort().map((code) => ({ code, name: code === T1 ? '居民户口簿' : '营业执照' })),
    });
    expect(i2.acceptedCertificateTypes).toEqual([{ code: T3, name: '营业执照' }]);
    expect(i3).toMatchObject({ onboardedToCertificateSystem: true, usesElectronicCertificates: true });
    expect(i4).toMatchObject({ onboardedToCertificateSystem: true, usesElectronicCertificates: false, acceptedCertificateTypes: [] });
    expect(i5).toMatchObject({ onboardedToCertificateSystem: false, usesElectronicCertificates: false, acceptedCertificateTypes: [] });
    expect(data._entities.at(-1)).toEqual({
      code: 'NOT-AN-ITEM',
      onboardedToCertificateSystem: false,
      usesElectronicCertificates: false,
      acceptedCertificateTypes: [],
    });
  });
});

describe('CertificateType', () => {
  const TYPES = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on CertificateType {
          code name issuingDepartment { code }
          year: issued(from: "2021-01-01", to: "2021-12-31")
          january: issued(from: "2021-01-01", to: "2021-01-31")
        }
      }
    }
  `;

  it('resolves many references in one query, plus one GROUP BY per period', async () => {
    const codes = [T1, T2, T3, T6, 'NO-SUCH-TYPE', T1];
    fixture.resetQueries();
    const { data, errors } = await fixture.execute(TYPES, { representations: reps('CertificateType', codes) });
    expect(errors).toBeUndefined();
    expect(fixture.queries).toHaveLength(3);
    expect(data._entities).toEqual([
      { code: T1, name: '居民户口簿', issuingDepartment: { code: D1 }, year: 175, january: 150 },
      { code: T2, name: '居住证', issuingDepartment: { code: D1 }, year: 10, january: 0 },
      { code: T3, name: '营业执照', issuingDepartment: { code: D2 }, year: 110, january: 0 },
      { code: T6, name: '小餐饮经营许可证', issuingDepartment: { code: D4 }, year: 0, january: 0 },
      null,
      { code: T1, name: '居民户口簿', issuingDepartment: { code: D1 }, year: 175, january: 150 },
    ]);
  });

  it('batches issued(from, to) across the types of a list', async () => {
    fixture.resetQueries();
    const { data } = await fixture.execute(/* GraphQL */ `
      { certificateTypes(first: 10) { edges { node { code issued(from: "2021-03-01", to: "2021-12-31") } } } }
    `);
    const issued = Object.fromEntries(data.certificateTypes.edges.map((e: any) => [e.node.code, e.node.issued]));
    expect(issued[T1]).toBe(5);
    expect(issued[T3]).toBe(110);
    // The page, its count, and one GROUP BY for all seven types.
    expect(fixture.queries).toHaveLength(3);
  });
});
