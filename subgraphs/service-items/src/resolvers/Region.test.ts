import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, REGION, type TestGraph } from '../test-support.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await createTestGraph();
});
afterAll(async () => {
  await graph.close();
});

const ALL = Object.values(REGION);

describe('Region', () => {
  it('resolves references, children, parent and kiosk counts with one query each', async () => {
    const { data, errors } = await graph.run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
        code level onPlatform kioskCount parent { code } children { code }
      } } }`,
      { r: ALL.map((code) => ({ __typename: 'Region', code })) },
    );
    expect(errors).toBeUndefined();
    // regions, kiosk counts, children; every parent is already in the region loader's cache
    expect(graph.queries).toHaveLength(3);
    const byCode = Object.fromEntries(data._entities.map((e: any) => [e.code, e]));
    expect(byCode[REGION.city]).toMatchObject({ level: 'CITY', parent: null, kioskCount: 4, children: [{ code: '440802' }, { code: '440803' }] });
    expect(byCode[REGION.chikan]).toMatchObject({ kioskCount: 4, parent: { code: '440800' }, children: [{ code: '440802001' }] });
    expect(byCode[REGION.xiashan]).toMatchObject({ kioskCount: 0, children: [] });
    expect(byCode[REGION.township]).toMatchObject({ kioskCount: 4, onPlatform: true });
    expect(byCode[REGION.village1]).toMatchObject({ kioskCount: 2, onPlatform: true, level: 'VILLAGE' });
    expect(byCode[REGION.village2]).toMatchObject({ kioskCount: 1, onPlatform: false });
  });

  it('regions filters by level and parent and pages', async () => {
    const { data } = await graph.run(`{
      villages: regions(level: VILLAGE) { totalCount edges { node { code } } }
      counties: regions(parentCode: "440800", first: 1) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } }
    }`);
    expect(data.villages.totalCount).toBe(2);
    expect(data.counties.totalCount).toBe(2);
    expect(data.counties.edges).toEqual([{ node: { code: '440802' } }]);
    const next = await graph.run(`query ($after: String) { regions(parentCode: "440800", first: 1, after: $after) { edges { node { code } } pageInfo { hasNextPage } } }`, {
      after: data.counties.pageInfo.endCursor,
    });
    expect(next.data.regions).toEqual({ edges: [{ node: { code: '440803' } }], pageInfo: { hasNextPage: false } });
  });

  it('region(code) is null for an unknown code', async () => {
    const { data } = await graph.run(`{ region(code: "999999") { code } }`);
    expect(data.region).toBeNull();
  });
});
