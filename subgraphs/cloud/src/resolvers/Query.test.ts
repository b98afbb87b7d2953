import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, viewerWith } from '@govgraph/core';
import { createTestServer, dataOf, errorCodes, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { DEPT_A, DEPT_B, DEPT_COUNTY, insertFixture } from '../testing-fixture.js';

let test: TestDatabase;
const server = createTestServer();
const run = (query: string, variables?: Record<string, unknown>) => execute(server, test.db, query, variables);

beforeAll(async () => {
  test = await openTestDatabase();
  await insertFixture(test.db);
});
afterAll(async () => {
  await test.db.destroy();
});

const AMOUNT = 'vcpu memoryGb storageTb';

describe('cloudCapacity', () => {
  const query = `query($asOf: Date!) { cloudCapacity(asOf: $asOf) { total { ${AMOUNT} } allocated { ${AMOUNT} } expansions } }`;

  it('sums the initial build and the expansions completed by the date, and the allocations so far', async () => {
    expect(dataOf(await run(query, { asOf: '2021-06-30' }))).toEqual({
      cloudCapacity: {
        total: { vcpu: 150, memoryGb: 600, storageTb: 15 },
        allocated: { vcpu: 56, memoryGb: 224, storageTb: 3.5 },
        expansions: 1,
      },
    });
    expect(dataOf(await run(query, { asOf: '2021-12-31' }))).toEqual({
      cloudCapacity: {
        total: { vcpu: 180, memoryGb: 700, storageTb: 17.5 },
        allocated: { vcpu: 68, memoryGb: 248, storageTb: 5 },
        expansions: 2,
      },
    });
  });

  it('counts an expansion on the very day it completed', async () => {
    const data = dataOf<{ cloudCapacity: { expansions: number } }>(await run(query, { asOf: '2021-09-01' }));
    expect(data.cloudCapacity.expansions).toBe(2);
  });

  it('is all zero before the cloud existed', async () => {
    expect(dataOf(await run(query, { asOf: '2019-12-31' }))).toEqual({
      cloudCapacity: {
        total: { vcpu: 0, memoryGb: 0, storageTb: 0 },
        allocated: { vcpu: 0, memoryGb: 0, storageTb: 0 },
        expansions: 0,
      },
    });
  });

  it('rejects a date that is not a calendar day', async () => {
    const result = await run(query, { asOf: '2021-02-30' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
  });
});

describe('capacityExpansions', () => {
  const query = `query($from: Date!, $to: Date!) {
    capacityExpansions(from: $from, to: $to) { completedOn added { ${AMOUNT} } totalAfter { ${AMOUNT} } }
  }`;

  it('lists the expansions of the period oldest first, with the running capacity after each', async () => {
    expect(dataOf(await run(query, { from: '2021-01-01', to: '2021-12-31' }))).toEqual({
      capacityExpansions: [
        { completedOn: '2021-03-01', added: { vcpu: 50, memoryGb: 200, storageTb: 5 }, totalAfter: { vcpu: 150, memoryGb: 600, storageTb: 15 } },
        { completedOn: '2021-09-01', added: { vcpu: 30, memoryGb: 100, storageTb: 2.5 }, totalAfter: { vcpu: 180, memoryGb: 700, storageTb: 17.5 } },
      ],
    });
  });

  it('counts earlier events in totalAfter even when the period starts after them, and never lists the initial build', async () => {
    expect(dataOf(await run(query, { from: '2021-06-01', to: '2021-12-31' }))).toEqual({
      capacityExpansions: [
        { completedOn: '2021-09-01', added: { vcpu: 30, memoryGb: 100, storageTb: 2.5 }, totalAfter: { vcpu: 180, memoryGb: 700, storageTb: 17.5 } },
      ],
    });
    expect(dataOf(await run(query, { from: '2019-01-01', to: '2020-12-31' }))).toEqual({ capacityExpansions: [] });
  });

  it('rejects a reversed range', async () => {
    const result = await run(query, { from: '2021-12-31', to: '2021-01-01' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/after/);
  });
});

describe('cloudTenancy', () => {
  const query = `query($asOf: Date!) { cloudTenancy(asOf: $asOf) { departments systems allocated { ${AMOUNT} } } }`;

  it('counts distinct departments and systems holding resources at the date', async () => {
    expect(dataOf(await run(query, { asOf: '2021-12-31' }))).toEqual({
      cloudTenancy: { departments: 3, systems: 5, allocated: { vcpu: 68, memoryGb: 248, storageTb: 5 } },
    });
    expect(dataOf(await run(query, { asOf: '2021-03-01' }))).toEqual({
      cloudTenancy: { departments: 2, systems: 2, allocated: { vcpu: 24, memoryGb: 96, storageTb: 1.5 } },
    });
  });
});

describe('businessSystem', () => {
  it('finds a system by id with its department reference, and null for an unknown id', async () => {
    const query = `{
      known: businessSystem(id: "BS-2021-003") { id name origin allocatedOn department { code } allocation { ${AMOUNT} } }
      unknown: businessSystem(id: "BS-1999-999") { id }
    }`;
    expect(dataOf(await run(query))).toEqual({
      known: {
        id: 'BS-2021-003',
        name: '学籍管理系统',
        origin: 'MIGRATED',
        allocatedOn: '2021-04-01',
        department: { code: DEPT_B },
        allocation: { vcpu: 32, memoryGb: 128, storageTb: 2 },
      },
      unknown: null,
    });
  });
});

describe('businessSystems', () => {
  const query = `query($filter: BusinessSystemFilter, $first: Int, $after: String) {
    businessSystems(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
    }
  }`;
  interface Page {
    businessSystems: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: { id: string } }[];
    };
  }
  const ids = (page: Page) => page.businessSystems.edges.map((e) => e.node.id);

  it('pages through the systems in id order with cursors', async () => {
    const first = dataOf<Page>(await run(query, { first: 3 }));
    expect(ids(first)).toEqual(['BS-2021-001', 'BS-2021-002', 'BS-2021-003']);
    expect(first.businessSystems.totalCount).toBe(5);
    expect(first.businessSystems.pageInfo).toEqual({ hasNextPage: true, endCursor: first.businessSystems.edges[2]!.cursor });

    const second = dataOf<Page>(await run(query, { first: 3, after: first.businessSystems.pageInfo.endCursor }));
    expect(ids(second)).toEqual(['BS-2021-004', 'BS-2021-005']);
    expect(second.businessSystems.totalCount).toBe(5);
    expect(second.businessSystems.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by department and origin, with totalCount counting the filtered set', async () => {
    const page = dataOf<Page>(await run(query, { filter: { departmentCode: DEPT_B, origin: 'NEW_DEPLOYMENT' } }));
    expect(ids(page)).toEqual(['BS-2021-002', 'BS-2021-005']);
    expect(page.businessSystems.totalCount).toBe(2);
    const county = dataOf<Page>(await run(query, { filter: { departmentCode: DEPT_COUNTY } }));
    expect(ids(county)).toEqual(['BS-2021-004']);
  });

  it('matches % and _ in nameContains literally', async () => {
    // As wildcards, "100%" would also match "1000达标" and "0_" would match "00" and "0%".
    const percent = dataOf<Page>(await run(query, { filter: { nameContains: '100%' } }));
    expect(ids(percent)).toEqual(['BS-2021-002']);
    const underscore = dataOf<Page>(await run(query, { filter: { nameContains: '0_' } }));
    expect(ids(underscore)).toEqual([]);
    const both = dataOf<Page>(await run(query, { filter: { nameContains: '%_达标' } }));
    expect(ids(both)).toEqual(['BS-2021-002']);
    const words = dataOf<Page>(await run(query, { filter: { nameContains: '达标' } }));
    expect(ids(words)).toEqual(['BS-2021-002', 'BS-2021-005']);
  });

  it.each([
    ['a page size of 0', { first: 0 }, /first must be between 1 and 200/],
    ['a page size over 200', { first: 201 }, /first must be between 1 and 200/],
    ['a malformed cursor', { after: 'not-a-cursor!' }, /cursor/],
    ['a cursor this API did not issue', { after: Buffer.from('x').toString('base64url') }, /cursor/],
    ['an unknown department code', { filter: { departmentCode: '91440800MA00000000' } }, /no department has the credit code/],
    ['an over-long search text', { filter: { nameContains: '系'.repeat(101) } }, /at most 100 characters/],
  ])('rejects %s with BAD_USER_INPUT', async (_name, variables, message) => {
    const result = await run(query, variables);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});

describe('dataInventory', () => {
  const query = `query($asOf: Date!) {
    dataInventory(asOf: $asOf) {
      informationSystems dataCatalogs demandCatalogs experts registeredItems linkedItems itemLinkRate
    }
  }`;

  it('counts what was registered by the date, and the link rate among registered items', async () => {
    expect(dataOf(await run(query, { asOf: '2021-06-30' }))).toEqual({
      dataInventory: {
        informationSystems: 2, dataCatalogs: 3, demandCatalogs: 1, experts: 2,
        registeredItems: 4, linkedItems: 3, itemLinkRate: 0.75,
      },
    });
    expect(dataOf(await run(query, { asOf: '2021-12-31' }))).toEqual({
      dataInventory: {
        informationSystems: 3, dataCatalogs: 3, demandCatalogs: 2, experts: 3,
        registeredItems: 4, linkedItems: 4, itemLinkRate: 1,
      },
    });
  });

  it('gives a zero rate when nothing was registered yet', async () => {
    const data = dataOf<{ dataInventory: { registeredItems: number; itemLinkRate: number } }>(
      await run(query, { asOf: '2020-12-31' }),
    );
    expect(data.dataInventory).toMatchObject({ registeredItems: 0, itemLinkRate: 0 });
  });

  it('is one SQL statement', async () => {
    test.resetQueries();
    dataOf(await run(query, { asOf: '2021-12-31' }));
    expect(test.queries).toHaveLength(1);
  });
});

describe('dataCatalogs', () => {
  const query = `query($departmentCode: ID, $first: Int, $after: String) {
    dataCatalogs(departmentCode: $departmentCode, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id name registeredOn department { code } linkedItems { code } } }
    }
  }`;
  interface Page {
    dataCatalogs: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; name: string; registeredOn: string; department: { code: string }; linkedItems: { code: string }[] } }[];
    };
  }

  it('pages through the catalogue with linked items, loading the links of a page in one query', async () => {
    test.resetQueries();
    const first = dataOf<Page>(await run(query, { first: 2 }));
    // page + count + one batched links query
    expect(test.queries).toHaveLength(3);
    expect(first.dataCatalogs.totalCount).toBe(3);
    expect(first.dataCatalogs.pageInfo.hasNextPage).toBe(true);
    expect(first.dataCatalogs.edges.map((e) => e.node.id)).toEqual(['DC-1', 'DC-2']);
    expect(first.dataCatalogs.edges[1]!.node).toMatchObject({
      name: '学籍信息',
      registeredOn: '2021-04-01',
      department: { code: DEPT_B },
    });
    expect(first.dataCatalogs.edges[1]!.node.linkedItems).toHaveLength(2);

    const second = dataOf<Page>(await run(query, { first: 2, after: first.dataCatalogs.pageInfo.endCursor }));
    expect(second.dataCatalogs.edges.map((e) => e.node.id)).toEqual(['DC-3']);
    expect(second.dataCatalogs.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by the providing department', async () => {
    const page = dataOf<Page>(await run(query, { departmentCode: DEPT_A }));
    expect(page.dataCatalogs.totalCount).toBe(1);
    expect(page.dataCatalogs.edges.map((e) => e.node.id)).toEqual(['DC-1']);
  });

  it.each([
    ['an unknown department code', { departmentCode: 'nope' }, /no department has the credit code/],
    ['a malformed cursor', { after: '%%%' }, /cursor/],
    ['a page size over 200', { first: 500 }, /first must be between/],
  ])('rejects %s with BAD_USER_INPUT', async (_name, variables, message) => {
    const result = await run(query, variables);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});

describe('dataFlows', () => {
  const query = `query($from: Date!, $to: Date!) { dataFlows(from: $from, to: $to) { flow records } }`;

  it('sums each flow over the inclusive range in one grouped query, listing idle flows as zero', async () => {
    test.resetQueries();
    expect(dataOf(await run(query, { from: '2021-01-01', to: '2021-12-31' }))).toEqual({
      dataFlows: [
        { flow: 'LOCAL_AGGREGATED', records: 15 },
        { flow: 'PROVINCE_RETURNED', records: 20 },
        { flow: 'SHARED_TO_DEPARTMENTS', records: 7 },
        { flow: 'SHARED_TO_COUNTIES', records: 3 },
      ],
    });
    expect(test.queries).toHaveLength(1);
    expect(test.queries[0]).toMatch(/group by/i);
    expect(dataOf(await run(query, { from: '2021-06-15', to: '2021-06-15' }))).toEqual({
      dataFlows: [
        { flow: 'LOCAL_AGGREGATED', records: 5 },
        { flow: 'PROVINCE_RETURNED', records: 0 },
        { flow: 'SHARED_TO_DEPARTMENTS', records: 7 },
        { flow: 'SHARED_TO_COUNTIES', records: 0 },
      ],
    });
  });

  it('rejects a reversed range', async () => {
    const result = await run(query, { from: '2021-02-01', to: '2021-01-31' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('authorization declared in the SDL', () => {
  const query = `{ cloudTenancy(asOf: "2021-12-31") { systems } businessSystems(first: 5) { totalCount } }`;

  it('withholds per-system detail from a caller without cloud:read, and still answers the aggregates', async () => {
    const result = await execute(server, test.db, query, undefined, PUBLIC_VIEWER);
    expect(result.data).toMatchObject({ businessSystems: null, cloudTenancy: { systems: expect.any(Number) } });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    const staff = await execute(server, test.db, query, undefined, viewerWith(['workorders:read']));
    expect(errorCodes(staff)).toEqual(['FORBIDDEN']);
  });

  it('answers a caller holding cloud:read', async () => {
    const result = await execute(server, test.db, query, undefined, viewerWith(['cloud:read']));
    expect(dataOf<any>(result).businessSystems.totalCount).toBeGreaterThan(0);
  });
});
