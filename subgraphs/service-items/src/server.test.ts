/**
 * The whole subgraph as the start command runs it: migrate, seed the full 2021 dataset (into
 * memory here), serve over HTTP; then the report's figures for this subgraph, as the report
 * rounds them, and the scorecard's cost in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory, gatewayCredentialHeaders } from '@govgraph/core';
import { startSubgraph } from './server.js';

// The fixed development secret, as a test may opt into (NODE_ENV is `test` under vitest).
process.env.GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET = 'true';

type Running = Awaited<ReturnType<typeof startSubgraph>>;
let running: Running;
const queries: string[] = [];
let seedSeconds = 0;

beforeAll(async () => {
  const started = Date.now();
  running = await startSubgraph({
    port: 0,
    file: ':memory:',
    onQuery: (e) => {
      if (e.level === 'query') queries.push(e.query.sql);
    },
  });
  seedSeconds = (Date.now() - started) / 1000;
}, 120_000);

afterAll(async () => {
  await running?.close();
});

async function post(query: string, variables: Record<string, unknown> = {}) {
  queries.length = 0;
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await gatewayCredentialHeaders('service-items')) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

describe('service-items over the seeded 2021 dataset', () => {
  it('seeds well within the time budget and answers /health', async () => {
    expect(seedSeconds).toBeLessThan(60);
    const health = await fetch(running.url.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
  });

  it('reproduces every figure of the report it owns', async () => {
    const data = await post(
      `query ($asOf: Date!, $from: Date!, $to: Date!, $year: Int!) {
        powerList(asOf: $asOf) { levels entriesByLevel { level entries } }
        delegationBatches(year: $year) { number fromLevel toLevel entries }
        catalogStatistics(asOf: $asOf) {
          totalItems applicationBasedItems onlineApplicationItems onlineRate hallCoverageRate platformApprovableItems
          licences { items timeReductionRate visitRate }
          cityLevelLicences { items oneWindowRate instantRate onlineRate }
        }
        serviceCenter(from: $from, to: $to) {
          stationedDepartments stationedItems
          applications { handled completed completionRate rated satisfied satisfactionRate }
        }
        platformCoverage(asOf: $asOf) { townships villages approvableItems kiosks }
        crossRegion(asOf: $asOf) { withinCityItems outboundItems inboundItems guangzhouWindowItems partners { name province kind since } }
        serviceHalls { level ratingEnabled }
        serviceChannels(year: $year) { code items certificateBusinesses registeredUsers serviceDomains registeredEntities totalEntities entityRegistrationRate }
        kiosks(first: 1) { totalCount }
      }`,
      { asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31', year: 2021 },
    );
    expect(data.powerList.levels).toEqual(['CITY', 'COUNTY', 'TOWNSHIP']);
    expect(data.powerList.entriesByLevel[0]).toEqual({ level: 'CITY', entries: 7355 });
    expect(data.delegationBatches.map((b: any) => [b.number, b.fromLevel, b.toLevel])).toEqual([
      [1, 'CITY', 'COUNTY'],
      [2, 'COUNTY', 'TOWNSHIP'],
      [3, 'COUNTY', 'TOWNSHIP'],
    ]);
    expect(data.delegationBatches[0].entries).toBe(86);
    expect(data.delegationBatches[1].entries + data.delegationBatches[2].entries).toBe(7700);

    const c = data.catalogStatistics;
    expect(c.totalItems).toBe(17_800);
    expect(c.applicationBasedItems).toBe(10_883);
    expect(c.onlineApplicationItems).toBe(10_562);
    expect(rounded(c.onlineRate, 4)).toBe(0.9705);
    expect(c.hallCoverageRate).toBe(1);
    expect(c.platformApprovableItems).toBe(17_472);
    expect(c.licences.items).toBe(3450);
    expect(rounded(c.licences.timeReductionRate, 4)).toBe(0.9511);
    expect(rounded(c.licences.visitRate, 4)).toBe(0.0029);
    expect(c.cityLevelLicences.items).toBe(1029);
    expect(c.cityLevelLicences.oneWindowRate).toBe(1);
    expect(rounded(c.cityLevelLicences.instantRate, 4)).toBe(0.9359);
    expect(rounded(c.cityLevelLicences.onlineRate, 4)).toBe(0.9951);

    const s = data.serviceCenter;
    expect(s.stationedDepartments).toBe(45);
    expect(s.stationedItems).toBe(1775);
    expect(s.applications.handled).toBeGreaterThan(530_000);
    expect(s.applications.handled).toBeLessThan(540_000);
    expect(s.applications.completionRate).toBe(1);
    expect(rounded(s.applications.satisfactionRate, 3)).toBe(0.999);

    expect(data.platformCoverage).toEqual({ townships: 121, villages: 1944, approvableItems: 17_472, kiosks: 2221 });
    expect(data.kiosks.totalCount).toBe(2221);

    const x = data.crossRegion;
    expect([x.withinCityItems, x.outboundItems, x.inboundItems, x.guangzhouWindowItems]).toEqual([1107, 110, 881, 78]);
    const partners = (kind: string) => x.partners.filter((p: any) => p.kind === kind).map((p: any) => p.name).sort();
    expect(partners('CROSS_PROVINCE_AGREEMENT')).toEqual(['海口', '玉林', '钦州', '北海', '银川', '柳州'].sort());
    expect(partners('CROSS_REGION_MECHANISM')).toEqual(['广州', '阳江', '茂名', '南宁', '梧州', '惠州'].sort());
    expect(x.partners.every((p: any) => p.since <= '2021-12-31')).toBe(true);

    expect(data.serviceHalls).toHaveLength(131);
    expect(data.serviceHalls.every((h: any) => h.ratingEnabled)).toBe(true);

    const [yss, yst] = data.serviceChannels;
    expect(yss).toMatchObject({ code: 'YUESHENGSHI', items: 959, certificateBusinesses: 69 });
    expect(yss.registeredUsers).toBeGreaterThan(6_707_000);
    expect(yss.registeredUsers).toBeLessThan(6_708_000);
    expect(yst).toMatchObject({ code: 'YUESHANGTONG', items: 576, registeredEntities: 327_000 });
    expect(yst.serviceDomains).toEqual(['企业注册登记', '银行开户', '招投标', '中介超市']);
    expect(rounded(yst.entityRegistrationRate, 3)).toBe(0.937);
  });

  it('answers the scorecard for all 68 city departments in a constant number of queries', async () => {
    const data = await post(`{
      departments(level: CITY, first: 100) {
        totalCount
        edges { node {
          code name stationedInCenter region { name }
          itemStatistics(asOf: "2021-12-31") { total applicationBased onlineAvailable onlineRate }
          applicationStatistics(from: "2021-01-01", to: "2021-12-31") { handled satisfactionRate }
          serviceItems(first: 2) { totalCount edges { node { code name } } }
        } }
      }
    }`);
    expect(data.departments.totalCount).toBe(68);
    const nodes = data.departments.edges.map((e: any) => e.node);
    expect(nodes.reduce((s: number, n: any) => s + n.itemStatistics.total, 0)).toBe(directory().items.filter((i) => i.level === 'CITY').length);
    expect(nodes.reduce((s: number, n: any) => s + n.applicationStatistics.handled, 0)).toBeGreaterThan(530_000);
    // departments (rows, count), regions, item figures, application figures, item pages (rows, totals)
    expect(queries.length).toBe(7);
  });

  it('resolves 568 entity references of three types in three queries', async () => {
    const d = directory();
    const representations = [
      ...d.departments.filter((x) => x.level === 'CITY').map((x) => ({ __typename: 'Department', code: x.code })),
      ...d.items.slice(0, 300).map((x) => ({ __typename: 'ServiceItem', code: x.code })),
      ...d.regions.slice(0, 200).map((x) => ({ __typename: 'Region', code: x.code })),
    ];
    const data = await post(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Department { code name } ... on ServiceItem { code name } ... on Region { code name }
      } }`,
      { r: representations },
    );
    expect(data._entities).toHaveLength(568);
    expect(data._entities.every((e: any) => e?.name)).toBe(true);
    expect(queries.length).toBe(3);
  });
});
