/** Who may read work orders and their callers: scopes, the department limit and masking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, viewerWith, type Viewer } from '@govgraph/core';
import { FIXTURE, fixtureGraph, type FixtureGraph } from '../testing/fixture.js';

const graphs: FixtureGraph[] = [];
async function as(viewer: Viewer): Promise<FixtureGraph> {
  const graph = await fixtureGraph(viewer);
  graphs.push(graph);
  return graph;
}
afterAll(async () => {
  await Promise.all(graphs.map((g) => g.close()));
});

const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const LIST = `query ($filter: HotlineFilter!) {
  workOrders(filter: $filter) { totalCount edges { node { id department { code } } } }
  hotlineStatistics(filter: $filter) { received }
}`;
const codes = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);

let publicGraph: FixtureGraph;
let staff: FixtureGraph;
let auditor: FixtureGraph;
beforeAll(async () => {
  publicGraph = await as(PUBLIC_VIEWER);
  staff = await as(viewerWith(['workorders:read'], { dept: FIXTURE.department1 }));
  auditor = await as(viewerWith(['workorders:read', 'workorders:read:all']));
});

describe('work-order access', () => {
  it('gives the public the aggregates but no work orders', async () => {
    const result: any = await publicGraph.execute(LIST, { filter: YEAR });
    expect(result.data).toEqual({ workOrders: null, hotlineStatistics: { received: 7 } });
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('limits department staff to the orders dispatched to their own department', async () => {
    const result: any = await staff.execute(LIST, { filter: YEAR });
    expect(result.errors).toBeUndefined();
    expect(result.data.workOrders.totalCount).toBe(2);
    expect(result.data.workOrders.edges.every((e: any) => e.node.department.code === FIXTURE.department1)).toBe(true);
    const other: any = await staff.execute(LIST, { filter: { ...YEAR, departmentCode: FIXTURE.department2 } });
    expect(other.data.workOrders).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const single: any = await staff.execute('{ workOrder(id: "WO20210000004") { id } }');
    expect(single).toEqual({ data: { workOrder: null }, errors: undefined });
  });

  it('lets workorders:read:all read every department', async () => {
    const result: any = await auditor.execute(LIST, { filter: YEAR });
    expect(result.data.workOrders.totalCount).toBe(7);
  });

  it('refuses workorders:read without a department', async () => {
    const graph = await as(viewerWith(['workorders:read']));
    expect(codes(await graph.execute(LIST, { filter: YEAR }))).toEqual(['FORBIDDEN']);
  });

  it('masks caller name and phone without pii:read, and shows them with it', async () => {
    const query = '{ workOrder(id: "WO20210000004") { callerName callerPhone } }';
    expect((await auditor.execute(query)).data).toEqual({ workOrder: { callerName: '来***', callerPhone: '138****0004' } });
    const pii = await as(viewerWith(['workorders:read:all', 'workorders:read', 'pii:read']));
    expect((await pii.execute(query)).data).toEqual({ workOrder: { callerName: '来电人4', callerPhone: '13800000004' } });
  });
});
