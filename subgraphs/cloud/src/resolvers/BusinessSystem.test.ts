import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, dataOf, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { DEPT_A, insertFixture } from '../testing-fixture.js';

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
    ... on BusinessSystem { id name origin allocatedOn department { code } allocation { vcpu memoryGb storageTb } }
  }
}`;

describe('BusinessSystem entity', () => {
  it('resolves many representations with one SQL query, in order, null for unknown ids', async () => {
    const ids = ['BS-2021-003', 'BS-2021-001', 'BS-2099-999', 'BS-2021-005', 'BS-2021-002', 'BS-2021-004'];
    test.resetQueries();
    const data = dataOf<{ _entities: ({ id: string } | null)[] }>(
      await execute(server, test.db, ENTITIES, {
        representations: ids.map((id) => ({ __typename: 'BusinessSystem', id })),
      }),
    );
    expect(test.queries).toHaveLength(1);
    expect(test.queries[0]).toMatch(/from "business_systems"/);
    expect(data._entities.map((e) => e?.id ?? null)).toEqual([
      'BS-2021-003', 'BS-2021-001', null, 'BS-2021-005', 'BS-2021-002', 'BS-2021-004',
    ]);
  });

  it('maps columns to the SDL fields and the department to a reference', async () => {
    const data = dataOf(
      await execute(server, test.db, ENTITIES, { representations: [{ __typename: 'BusinessSystem', id: 'BS-2021-001' }] }),
    );
    expect(data).toEqual({
      _entities: [
        {
          id: 'BS-2021-001',
          name: '投资项目在线审批监管平台',
          origin: 'MIGRATED',
          allocatedOn: '2020-06-01',
          department: { code: DEPT_A },
          allocation: { vcpu: 16, memoryGb: 64, storageTb: 1 },
        },
      ],
    });
  });
});
