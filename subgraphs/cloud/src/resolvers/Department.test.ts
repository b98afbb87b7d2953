import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory } from '@govgraph/core';
import { createTestServer, dataOf, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { DEPT_A, DEPT_B, DEPT_COUNTY, DEPT_NONE, insertFixture } from '../testing-fixture.js';

let test: TestDatabase;
const server = createTestServer();

beforeAll(async () => {
  test = await openTestDatabase();
  await insertFixture(test.db);
});
afterAll(async () => {
  await test.db.destroy();
});

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Department { code businessSystems { id } cloudAllocation { vcpu memoryGb storageTb } }
  }
}`;

interface DepartmentResult {
  code: string;
  businessSystems: { id: string }[];
  cloudAllocation: { vcpu: number; memoryGb: number; storageTb: number };
}

describe('Department entity', () => {
  it('answers all 68 city departments and a county one with one query per field', async () => {
    const codes = [...directory().departments.filter((d) => d.level === 'CITY').map((d) => d.code), DEPT_COUNTY];
    expect(codes).toHaveLength(69);
    test.resetQueries();
    const data = dataOf<{ _entities: DepartmentResult[] }>(
      await execute(server, test.db, ENTITIES, {
        representations: codes.map((code) => ({ __typename: 'Department', code })),
      }),
    );
    // One grouped list query for businessSystems, one grouped SUM for cloudAllocation.
    expect(test.queries).toHaveLength(2);
    expect(test.queries.filter((q) => /group by/i.test(q))).toHaveLength(1);
    const byCode = new Map(data._entities.map((d) => [d.code, d]));
    expect(data._entities.map((d) => d.code)).toEqual(codes);
    expect(byCode.get(DEPT_A)).toEqual({
      code: DEPT_A,
      businessSystems: [{ id: 'BS-2021-001' }],
      cloudAllocation: { vcpu: 16, memoryGb: 64, storageTb: 1 },
    });
    expect(byCode.get(DEPT_B)).toEqual({
      code: DEPT_B,
      businessSystems: [{ id: 'BS-2021-002' }, { id: 'BS-2021-003' }, { id: 'BS-2021-005' }],
      cloudAllocation: { vcpu: 48, memoryGb: 176, storageTb: 3.5 },
    });
    expect(byCode.get(DEPT_COUNTY)?.cloudAllocation).toEqual({ vcpu: 4, memoryGb: 8, storageTb: 0.5 });
  });

  it('gives a department without systems an empty list and zero amounts, not null', async () => {
    const data = dataOf(
      await execute(server, test.db, ENTITIES, { representations: [{ __typename: 'Department', code: DEPT_NONE }] }),
    );
    expect(data).toEqual({
      _entities: [{ code: DEPT_NONE, businessSystems: [], cloudAllocation: { vcpu: 0, memoryGb: 0, storageTb: 0 } }],
    });
  });

  it('reaches departments through business systems too, still batched', async () => {
    test.resetQueries();
    const data = dataOf<{ businessSystems: { edges: { node: { department: DepartmentResult } }[] } }>(
      await execute(
        server,
        test.db,
        `{ businessSystems(first: 10) { edges { node { department { code cloudAllocation { vcpu } } } } } }`,
      ),
    );
    // page + count + one grouped allocation query for the four distinct departments
    expect(test.queries).toHaveLength(3);
    expect(data.businessSystems.edges.map((e) => e.node.department.cloudAllocation.vcpu)).toEqual([16, 48, 48, 4, 48]);
  });
});
