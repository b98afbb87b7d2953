import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, DEPT, ITEM, type TestGraph } from '../test-support.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await createTestGraph();
});
afterAll(async () => {
  await graph.close();
});

const codes = (connection: any) => connection.edges.map((e: any) => e.node.code);
const sorted = (...list: string[]) => [...list].sort();

describe('ServiceItem entity', () => {
  it('resolves 300 references in one query and its relations in one query each', async () => {
    const all = Object.values(ITEM);
    const representations = Array.from({ length: 300 }, (_, i) => ({ __typename: 'ServiceItem', code: all[i % all.length] }));
    const { data, errors } = await graph.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ServiceItem {
        code department { code } crossRegionScopes channels delegation { fromLevel toLevel batch { number title entries } }
      } } }`,
      { r: representations },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(300);
    // items, departments, scopes, channels, delegations, batches
    expect(graph.queries).toHaveLength(6);
    const a = data._entities[0];
    expect(a).toMatchObject({ code: ITEM.a, department: { code: DEPT.d1 }, channels: ['YUESHANGTONG'] });
    expect(a.crossRegionScopes.sort()).toEqual(['GUANGZHOU_WINDOW', 'WITHIN_CITY']);
    expect(a.delegation).toEqual({ fromLevel: 'CITY', toLevel: 'COUNTY', batch: { number: 1, title: expect.any(String), entries: 1 } });
    expect(data._entities[1]).toMatchObject({ code: ITEM.b, delegation: null, channels: [] });
  });

  it('maps the stored flags and limits', async () => {
    const { data } = await graph.run(`query ($code: ID!) { serviceItem(code: $code) {
      kind applicationBased level statutoryDays promisedDays requiredVisits onlineAvailable instant
      oneWindowAcceptance stationedInHall stationedInCenter platformApprovable effectiveFrom
    } }`, { code: ITEM.b });
    expect(data.serviceItem).toEqual({
      kind: 'ADMINISTRATIVE_LICENSE', applicationBased: true, level: 'CITY', statutoryDays: 20, promisedDays: 5, requiredVisits: 1,
      onlineAvailable: false, instant: false, oneWindowAcceptance: true, stationedInHall: true, stationedInCenter: true,
      platformApprovable: true, effectiveFrom: '2020-01-01',
    });
  });
});

describe('serviceItems', () => {
  const list = async (filter: Record<string, unknown>, first = 20) => {
    const { data, errors } = await graph.run(
      `query ($filter: ServiceItemFilter, $first: Int) { serviceItems(filter: $filter, first: $first) { totalCount edges { node { code } } } }`,
      { filter, first },
    );
    expect(errors).toBeUndefined();
    return data.serviceItems;
  };

  it('applies each filter', async () => {
    expect(codes(await list({ departmentCode: DEPT.d4 }))).toEqual(sorted(ITEM.f, ITEM.g));
    expect(codes(await list({ regionCode: '440802' }))).toEqual(sorted(ITEM.f, ITEM.g));
    expect((await list({ regionCode: '440800' })).totalCount).toBe(7);
    expect(codes(await list({ kinds: ['PUBLIC_SERVICE'] }))).toEqual([ITEM.d]);
    expect((await list({ kinds: [] })).totalCount).toBe(0);
    expect((await list({ level: 'COUNTY' })).totalCount).toBe(2);
    expect((await list({ applicationBased: false })).totalCount).toBe(1);
    expect(codes(await list({ onlineAvailable: false }))).toEqual(sorted(ITEM.b, ITEM.g));
    expect(codes(await list({ stationedInCenter: true }))).toEqual(sorted(ITEM.a, ITEM.b, ITEM.d));
    expect(codes(await list({ crossRegionScope: 'WITHIN_CITY' }))).toEqual(sorted(ITEM.a, ITEM.b));
    expect(codes(await list({ channel: 'YUESHENGSHI' }))).toEqual(sorted(ITEM.c, ITEM.d));
    expect((await list({ asOf: '2021-12-31' })).totalCount).toBe(6);
    expect(codes(await list({ asOf: '2021-12-31', level: 'CITY', onlineAvailable: true, applicationBased: true }))).toEqual(sorted(ITEM.a, ITEM.c));
  });

  it('matches name text literally: % and _ are not wildcards', async () => {
    expect(codes(await list({ nameContains: '100%' }))).toEqual([ITEM.a]);
    expect(codes(await list({ nameContains: '%_' }))).toEqual([ITEM.a]);
    expect(codes(await list({ nameContains: 'a_b' }))).toEqual([ITEM.f]);
    expect((await list({ nameContains: '_' })).totalCount).toBe(2);
    expect(codes(await list({ nameContains: '100' }))).toEqual(sorted(ITEM.a, ITEM.c));
  });

  it('ignores the case of Latin letters, on SQLite and PostgreSQL alike', async () => {
    expect(codes(await list({ nameContains: '100 PERCENT' }))).toEqual([ITEM.c]);
    expect(codes(await list({ nameContains: 'A_B' }))).toEqual([ITEM.f]);
  });

  it('pages with cursors: two pages, no overlap, the same total', async () => {
    const all = sorted(...Object.values(ITEM));
    const first = await graph.run(`{ serviceItems(first: 4) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } } }`);
    const page1 = first.data.serviceItems;
    expect(page1.totalCount).toBe(7);
    expect(codes(page1)).toEqual(all.slice(0, 4));
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[3].cursor });
    const second = await graph.run(`query ($after: String) { serviceItems(first: 4, after: $after) { totalCount edges { node { code } } pageInfo { hasNextPage } } }`, {
      after: page1.pageInfo.endCursor,
    });
    expect(second.data.serviceItems.totalCount).toBe(7);
    expect(codes(second.data.serviceItems)).toEqual(all.slice(4));
    expect(second.data.serviceItems.pageInfo.hasNextPage).toBe(false);
  });
});
