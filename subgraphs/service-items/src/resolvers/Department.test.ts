import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, DEPT, ITEM, type TestGraph } from '../test-support.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await createTestGraph();
});
afterAll(async () => {
  await graph.close();
});

const ALL = Object.values(DEPT);

describe('Department entity', () => {
  it('resolves many references in one query, in order, with null for an unknown code', async () => {
    const representations = [...ALL, 'NOT-A-CODE', ...ALL].map((code) => ({ __typename: 'Department', code }));
    const { data, errors } = await graph.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { code name shortName level stationedInCenter } } }`,
      { r: representations },
    );
    expect(errors).toBeUndefined();
    expect(data._entities.map((e: any) => e?.code ?? null)).toEqual([...ALL, null, ...ALL]);
    expect(data._entities[0]).toMatchObject({ level: 'CITY', stationedInCenter: true });
    expect(data._entities[2]).toMatchObject({ level: 'CITY', stationedInCenter: false });
    expect(graph.queries).toHaveLength(1);
  });

  it('region of every department is one more query', async () => {
    const { data } = await graph.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { region { code level } } } }`,
      { r: ALL.map((code) => ({ __typename: 'Department', code })) },
    );
    expect(data._entities.map((e: any) => e.region.code)).toEqual(['440800', '440800', '440800', '440802']);
    expect(graph.queries).toHaveLength(2);
  });
});

describe('per-department statistics, batched', () => {
  const SCORECARD = `query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Department {
        code
        itemStatistics(asOf: "2021-12-31") { total applicationBased onlineAvailable onlineRate }
        applicationStatistics(from: "2021-01-01", to: "2021-12-31") { handled completed completionRate rated satisfied satisfactionRate }
        serviceItems(first: 2) { totalCount edges { node { code } } pageInfo { hasNextPage } }
      }
    }
  }`;

  it('answers every statistic from its GROUP BY over the fixture', async () => {
    const { data, errors } = await graph.run(SCORECARD, { r: ALL.map((code) => ({ __typename: 'Department', code })) });
    expect(errors).toBeUndefined();
    const [d1, d2, d3, d4] = data._entities;
    expect(d1.itemStatistics).toEqual({ total: 3, applicationBased: 3, onlineAvailable: 2, onlineRate: 2 / 3 });
    expect(d2.itemStatistics).toEqual({ total: 1, applicationBased: 0, onlineAvailable: 0, onlineRate: null });
    // E only enters the catalogue in 2022.
    expect(d3.itemStatistics).toEqual({ total: 0, applicationBased: 0, onlineAvailable: 0, onlineRate: null });
    expect(d4.itemStatistics).toEqual({ total: 2, applicationBased: 2, onlineAvailable: 1, onlineRate: 0.5 });
    expect(d1.applicationStatistics).toEqual({ handled: 4, completed: 3, completionRate: 0.75, rated: 3, satisfied: 2, satisfactionRate: 2 / 3 });
    expect(d2.applicationStatistics).toEqual({ handled: 2, completed: 2, completionRate: 1, rated: 2, satisfied: 1, satisfactionRate: 0.5 });
    expect(d3.applicationStatistics).toEqual({ handled: 0, completed: 0, completionRate: null, rated: 0, satisfied: 0, satisfactionRate: null });
    const d1Items = [ITEM.a, ITEM.b, ITEM.c].sort();
    expect(d1.serviceItems).toEqual({
      totalCount: 3,
      edges: d1Items.slice(0, 2).map((code) => ({ node: { code } })),
      pageInfo: { hasNextPage: true },
    });
    expect(d3.serviceItems).toEqual({ totalCount: 1, edges: [{ node: { code: ITEM.e } }], pageInfo: { hasNextPage: false } });
  });

  it('costs the same number of queries for one department as for all of them', async () => {
    await graph.run(SCORECARD, { r: [{ __typename: 'Department', code: DEPT.d1 }] });
    const one = graph.queries.length;
    await graph.run(SCORECARD, { r: ALL.map((code) => ({ __typename: 'Department', code })) });
    const all = graph.queries.length;
    // entities 1 + item figures 1 + application figures 1 + item pages 2 (rows, totals)
    expect(one).toBe(5);
    expect(all).toBe(5);
  });

  it('pages a department’s items with the cursor and applies the filter', async () => {
    const first = await graph.run(
      `query ($code: ID!) { department(code: $code) { serviceItems(first: 2) { edges { cursor node { code } } pageInfo { endCursor } } } }`,
      { code: DEPT.d1 },
    );
    const after = first.data.department.serviceItems.pageInfo.endCursor;
    const second = await graph.run(
      `query ($code: ID!, $after: String) { department(code: $code) { serviceItems(first: 2, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage } } } }`,
      { code: DEPT.d1, after },
    );
    expect(second.data.department.serviceItems).toEqual({
      totalCount: 3,
      edges: [{ node: { code: [ITEM.a, ITEM.b, ITEM.c].sort()[2] } }],
      pageInfo: { hasNextPage: false },
    });
    const filtered = await graph.run(
      `query ($code: ID!, $other: ID) { department(code: $code) { serviceItems(filter: { kinds: [ADMINISTRATIVE_LICENSE], departmentCode: $other }) { totalCount } } }`,
      { code: DEPT.d1, other: DEPT.d4 },
    );
    // The filter's departmentCode is ignored: the department is the parent.
    expect(filtered.data.department.serviceItems.totalCount).toBe(2);
  });
});

describe('departments', () => {
  it('pages in code order with a total', async () => {
    const sorted = [...ALL].sort();
    const first = await graph.run(`{ departments(first: 3) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.departments.totalCount).toBe(4);
    expect(first.data.departments.edges.map((e: any) => e.node.code)).toEqual(sorted.slice(0, 3));
    expect(first.data.departments.pageInfo.hasNextPage).toBe(true);
    const second = await graph.run(`query ($after: String) { departments(first: 3, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage } } }`, {
      after: first.data.departments.pageInfo.endCursor,
    });
    expect(second.data.departments).toEqual({ totalCount: 4, edges: [{ node: { code: sorted[3] } }], pageInfo: { hasNextPage: false } });
  });

  it('filters by level, region (and below) and stationing', async () => {
    const { data } = await graph.run(`{
      city: departments(level: CITY) { totalCount }
      chikan: departments(regionCode: "440802") { edges { node { code } } }
      whole: departments(regionCode: "440800") { totalCount }
      stationed: departments(stationedInCenter: true) { totalCount }
    }`);
    expect(data.city.totalCount).toBe(3);
    expect(data.chikan.edges).toEqual([{ node: { code: DEPT.d4 } }]);
    expect(data.whole.totalCount).toBe(4);
    expect(data.stationed.totalCount).toBe(2);
  });

  it('department(code) is null for an unknown code', async () => {
    const { data, errors } = await graph.run(`{ department(code: "nope") { code } }`);
    expect(errors).toBeUndefined();
    expect(data.department).toBeNull();
  });
});
