import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@govgraph/core';
import { FIXTURE, fixtureGraph, type FixtureGraph } from '../testing/fixture.js';

let graph: FixtureGraph;
beforeAll(async () => {
  graph = await fixtureGraph();
});
afterAll(async () => {
  await graph.close();
});

const STATS = 'received directReplies dispatched replied completed rated satisfied replyRate completionRate satisfactionRate medianHandlingHours';
const YEAR = { from: '2021-01-01', to: '2021-12-31' };

async function statistics(filter: Record<string, unknown>) {
  const { data, errors } = await graph.execute(
    `query ($filter: HotlineFilter!) { hotlineStatistics(filter: $filter) { ${STATS} } }`,
    { filter },
  );
  expect(errors).toBeUndefined();
  return data.hotlineStatistics;
}

describe('hotlineStatistics', () => {
  it('aggregates the whole year: counts from the rollup, the median from the handling-time histogram', async () => {
    expect(await statistics(YEAR)).toEqual({
      received: 7,
      directReplies: 4,
      dispatched: 3,
      replied: 6,
      completed: 6,
      rated: 5,
      satisfied: 3,
      replyRate: 6 / 7,
      completionRate: 6 / 7,
      satisfactionRate: 3 / 5,
      // Completed minutes 2, 4, 6, 10, 1500, 3000: the value at position floor(6 / 2) = 3.
      medianHandlingHours: 10 / 60,
    });
    // A whole year is one period of the histogram, whose median is stored.
    expect(graph.queries).toHaveLength(2);
    expect(graph.queries[0]).toMatch(/from "work_order_rollup"/);
    expect(graph.queries[1]).toMatch(/from "work_order_medians"/);
    expect(graph.queries[1]).not.toMatch(/work_orders/);
  });

  it('reads no order when the median is not asked for', async () => {
    await graph.execute(`{ hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31" }) { received satisfactionRate } }`);
    expect(graph.queries).toHaveLength(1);
    expect(graph.queries[0]).not.toMatch(/work_orders/);
  });

  it('filters by any level of division, the city meaning everything', async () => {
    expect((await statistics({ ...YEAR, regionCode: '440800' })).received).toBe(7);
    expect((await statistics({ ...YEAR, regionCode: '440881' })).received).toBe(3);
    expect((await statistics({ ...YEAR, regionCode: '440802001' })).received).toBe(3);
    expect((await statistics({ ...YEAR, regionCode: '440881001001' })).received).toBe(2);
  });

  it('filters by department, item, category and channel', async () => {
    const dept = await statistics({ ...YEAR, departmentCode: FIXTURE.department1 });
    expect(dept).toMatchObject({ received: 2, dispatched: 2, completed: 1, medianHandlingHours: 1500 / 60 });
    expect((await statistics({ ...YEAR, itemCode: FIXTURE.itemA })).received).toBe(2);
    expect((await statistics({ ...YEAR, category: 'COMPLAINT' })).received).toBe(2);
    expect((await statistics({ ...YEAR, channel: 'PHONE', category: 'CONSULTATION' })).received).toBe(2);
  });

  it('includes both ends of the day range, to the last second', async () => {
    expect((await statistics({ from: '2021-04-30', to: '2021-04-30' })).received).toBe(1);
    expect((await statistics({ from: '2021-01-06', to: '2021-01-19' })).received).toBe(0);
  });

  it('answers zeros and null rates when nothing matches', async () => {
    expect(await statistics({ ...YEAR, regionCode: FIXTURE.quietVillage })).toEqual({
      received: 0,
      directReplies: 0,
      dispatched: 0,
      replied: 0,
      completed: 0,
      rated: 0,
      satisfied: 0,
      replyRate: null,
      completionRate: null,
      satisfactionRate: null,
      medianHandlingHours: null,
    });
  });
});

describe('hotlineTrend', () => {
  it('gives every period, oldest first, with zeros for empty ones, in one query plus two for medians', async () => {
    const { data, errors } = await graph.execute(
      `{ hotlineTrend(filter: { from: "2021-01-15", to: "2021-05-31" }, granularity: MONTH) {
          period from to statistics { received completed medianHandlingHours } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.hotlineTrend).toEqual([
      { period: '2021-01', from: '2021-01-15', to: '2021-01-31', statistics: { received: 1, completed: 1, medianHandlingHours: 25 } },
      { period: '2021-02', from: '2021-02-01', to: '2021-02-28', statistics: { received: 2, completed: 2, medianHandlingHours: 50 } },
      { period: '2021-03', from: '2021-03-01', to: '2021-03-31', statistics: { received: 0, completed: 0, medianHandlingHours: null } },
      { period: '2021-04', from: '2021-04-01', to: '2021-04-30', statistics: { received: 2, completed: 1, medianHandlingHours: 2 / 60 } },
      { period: '2021-05', from: '2021-05-01', to: '2021-05-31', statistics: { received: 1, completed: 1, medianHandlingHours: 10 / 60 } },
    ]);
    // Counts; the bucket of each median; the exact minute of the medians past an hour (25 h, 50 h).
    expect(graph.queries).toHaveLength(3);
    expect(graph.queries[1]).toMatch(/from "work_order_handling"/);
    expect(graph.queries[2]).toMatch(/from "work_orders"/);
  });

  it('labels quarters, years and days as core does', async () => {
    const quarters = await graph.execute(`{ hotlineTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: QUARTER) { period statistics { received } } }`);
    expect(quarters.data.hotlineTrend.map((p: any) => [p.period, p.statistics.received])).toEqual([
      ['2021-Q1', 4],
      ['2021-Q2', 3],
      ['2021-Q3', 0],
      ['2021-Q4', 0],
    ]);
    const years = await graph.execute(`{ hotlineTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: YEAR) { period statistics { received } } }`);
    expect(years.data.hotlineTrend).toEqual([{ period: '2021', statistics: { received: 7 } }]);
    const days = await graph.execute(`{ hotlineTrend(filter: { from: "2021-04-30", to: "2021-05-01" }, granularity: DAY) { period statistics { received } } }`);
    expect(days.data.hotlineTrend).toEqual([
      { period: '2021-04-30', statistics: { received: 1 } },
      { period: '2021-05-01', statistics: { received: 0 } },
    ]);
  });
});

describe('hotlineBreakdown', () => {
  async function breakdown(by: string, filter: Record<string, unknown> = YEAR) {
    const { data, errors } = await graph.execute(
      `query ($filter: HotlineFilter!, $by: HotlineDimension!) { hotlineBreakdown(filter: $filter, by: $by) {
          key region { __typename code } department { __typename code } category channel
          statistics { received completed medianHandlingHours } } }`,
      { filter, by },
    );
    expect(errors).toBeUndefined();
    // One query for every group's counts, one for every group's median: stored for a whole year;
    // a second dimension in the filter (a county's channels) is beyond the histogram: orders.
    expect(graph.queries).toHaveLength(2);
    expect(graph.queries[1]).toMatch(filter === YEAR ? /from "work_order_medians"/ : /from "work_orders"/);
    return data.hotlineBreakdown;
  }

  it('groups by county with each county as a Region reference and its own median', async () => {
    expect(await breakdown('COUNTY')).toEqual([
      {
        key: '440802',
        region: { __typename: 'Region', code: '440802' },
        department: null,
        category: null,
        channel: null,
        statistics: { received: 4, completed: 4, medianHandlingHours: 10 / 60 },
      },
      {
        key: '440881',
        region: { __typename: 'Region', code: '440881' },
        department: null,
        category: null,
        channel: null,
        statistics: { received: 3, completed: 2, medianHandlingHours: 3000 / 60 },
      },
    ]);
  });

  it('groups by township, department, category and channel, ordered by key', async () => {
    const townships = await breakdown('TOWNSHIP');
    expect(townships.map((g: any) => [g.key, g.statistics.received])).toEqual([
      ['440802001', 3],
      ['440802002', 1],
      ['440881001', 3],
    ]);
    const departments = await breakdown('DEPARTMENT');
    expect(departments.map((g: any) => [g.department, g.statistics.received])).toEqual(
      [
        [{ __typename: 'Department', code: FIXTURE.department1 }, 2],
        [{ __typename: 'Department', code: FIXTURE.department2 }, 1],
      ].sort((a: any, b: any) => (a[0].code < b[0].code ? -1 : 1)),
    );
    const categories = await breakdown('CATEGORY');
    expect(categories.map((g: any) => [g.category, g.statistics.received])).toEqual([
      ['COMPLAINT', 2],
      ['CONSULTATION', 2],
      ['HELP', 1],
      ['REPORT', 1],
      ['SUGGESTION', 1],
    ]);
    const channels = await breakdown('CHANNEL', { ...YEAR, regionCode: '440802' });
    expect(channels.map((g: any) => [g.channel, g.statistics.received])).toEqual([
      ['APP', 1],
      ['PHONE', 2],
      ['WECHAT', 1],
    ]);
  });
});

describe('workOrders', () => {
  const PAGE = `query ($filter: HotlineFilter!, $first: Int, $after: String) {
    workOrders(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;

  it('pages newest first with cursors and a total', async () => {
    const ids = (r: any) => r.data.workOrders.edges.map((e: any) => e.node.id);
    const first = await graph.execute(PAGE, { filter: YEAR, first: 3 });
    expect(first.errors).toBeUndefined();
    expect(ids(first)).toEqual(['WO20210000007', 'WO20210000006', 'WO20210000005']);
    expect(first.data.workOrders.totalCount).toBe(7);
    expect(first.data.workOrders.pageInfo.hasNextPage).toBe(true);
    const second = await graph.execute(PAGE, { filter: YEAR, first: 3, after: first.data.workOrders.pageInfo.endCursor });
    expect(ids(second)).toEqual(['WO20210000004', 'WO20210000003', 'WO20210000002']);
    const third = await graph.execute(PAGE, { filter: YEAR, first: 3, after: second.data.workOrders.pageInfo.endCursor });
    expect(ids(third)).toEqual(['WO20210000001']);
    expect(third.data.workOrders.pageInfo).toEqual({ hasNextPage: false, endCursor: third.data.workOrders.edges[0].cursor });
  });

  it('applies the filter to the page and its total alike', async () => {
    const { data } = await graph.execute(PAGE, { filter: { ...YEAR, regionCode: '440881', category: 'COMPLAINT' }, first: 10 });
    expect(data.workOrders.edges.map((e: any) => e.node.id)).toEqual(['WO20210000006']);
    expect(data.workOrders.totalCount).toBe(1);
  });

  it('does not count unless totalCount is asked for', async () => {
    await graph.execute(`{ workOrders(filter: { from: "2021-01-01", to: "2021-12-31" }) { edges { node { id } } } }`);
    expect(graph.queries).toHaveLength(1);
  });

  it('returns an order with references and its caller, read only when selected', async () => {
    const { data, errors } = await graph.execute(`{
      workOrder(id: "WO20210000004") {
        id receivedAt channel category summary disposition repliedAt completedAt rating
        region { code } department { code } serviceItem { code } } }`);
    expect(errors).toBeUndefined();
    expect(data.workOrder).toEqual({
      id: 'WO20210000004',
      receivedAt: '2021-02-14T08:00:00+08:00',
      channel: 'WEB',
      category: 'REPORT',
      summary: '测试工单4',
      disposition: 'DISPATCHED',
      repliedAt: '2021-02-14T09:00:00+08:00',
      completedAt: '2021-02-16T10:00:00+08:00',
      rating: 'SATISFIED',
      region: { code: '440881001001' },
      department: { code: FIXTURE.department2 },
      serviceItem: { code: FIXTURE.itemA },
    });
    expect(graph.queries).toHaveLength(1);
    expect(graph.queries[0]).not.toMatch(/caller/);
    const withCaller = await graph.execute(`{ workOrder(id: "WO20210000004") { callerName callerPhone } }`);
    expect(withCaller.data.workOrder).toEqual({ callerName: '来电人4', callerPhone: '13800000004' });
    const unknown = await graph.execute(`{ workOrder(id: "WO20219999999") { id } }`);
    expect(unknown).toEqual({ data: { workOrder: null }, errors: undefined });
  });
});

describe('mergedHotlines', () => {
  it('lists the legacy lines by number, each with its department reference', async () => {
    const { data } = await graph.execute(`{ mergedHotlines { number name mergedOn department { code } } }`);
    expect(data.mergedHotlines).toEqual([
      { number: '12315', name: '消费者投诉举报热线', mergedOn: '2020-09-30', department: { code: FIXTURE.department1 } },
      { number: '12369', name: '环保举报热线', mergedOn: '2020-12-31', department: { code: FIXTURE.department2 } },
    ]);
  });
});

describe('bad arguments', () => {
  async function rejected(query: string, variables: Record<string, unknown>, message: RegExp) {
    const { data, errors } = await graph.execute(query, variables);
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toMatch(message);
    // Nothing of the failed field comes back, only the error.
    expect(JSON.stringify(data ?? null)).not.toMatch(/received|totalCount|period/);
  }
  const STATISTICS = 'query ($filter: HotlineFilter!) { hotlineStatistics(filter: $filter) { received } }';
  const LIST = 'query ($filter: HotlineFilter!, $first: Int, $after: String) { workOrders(filter: $filter, first: $first, after: $after) { totalCount } }';

  it('rejects unknown codes', async () => {
    await rejected(STATISTICS, { filter: { ...YEAR, regionCode: '440899' } }, /regionCode: no administrative division/);
    await rejected(STATISTICS, { filter: { ...YEAR, departmentCode: '11440800000000000X' } }, /departmentCode: no department/);
    await rejected(STATISTICS, { filter: { ...YEAR, itemCode: 'NOPE' } }, /itemCode: no service item/);
  });

  it('rejects reversed and malformed date ranges', async () => {
    await rejected(STATISTICS, { filter: { from: '2021-12-31', to: '2021-01-01' } }, /from \(2021-12-31\) is after to/);
    await rejected(STATISTICS, { filter: { from: '2021-02-30', to: '2021-03-01' } }, /YYYY-MM-DD/);
    await rejected(
      'query { Department: _entities(representations: [{ __typename: "Department", code: "x" }]) { ... on Department { hotlineStatistics(from: "2021-05-01", to: "2021-04-01") { received } } } }',
      {},
      /is after to/,
    );
  });

  it('rejects page sizes out of bounds and cursors it did not issue', async () => {
    await rejected(LIST, { filter: YEAR, first: 0 }, /first must be between 1 and 200/);
    await rejected(LIST, { filter: YEAR, first: 201 }, /first must be between 1 and 200/);
    await rejected(LIST, { filter: YEAR, after: 'not a cursor!' }, /not a cursor this API issued/);
    await rejected(LIST, { filter: YEAR, after: encodeCursor('WO20210000004') }, /not a cursor this API issued/);
  });

  it('rejects a DAY trend over too many days', async () => {
    await rejected(
      'query ($filter: HotlineFilter!) { hotlineTrend(filter: $filter, granularity: DAY) { period } }',
      { filter: { from: '2000-01-01', to: '2021-12-31' } },
      /at most 3660 days/,
    );
  });
});
