import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, DEPT, ITEM, type TestGraph } from '../test-support.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await createTestGraph();
});
afterAll(async () => {
  await graph.close();
});

describe('catalogStatistics', () => {
  it('aggregates the items in force on the day', async () => {
    const { data, errors } = await graph.run(`{
      catalogStatistics(asOf: "2021-12-31") {
        totalItems applicationBasedItems onlineApplicationItems onlineRate hallCoverageRate platformApprovableItems
        licences { items timeReductionRate visitRate oneWindowRate instantRate onlineRate }
        cityLevelLicences { items timeReductionRate visitRate oneWindowRate instantRate onlineRate }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.catalogStatistics).toEqual({
      totalItems: 6,
      applicationBasedItems: 5,
      onlineApplicationItems: 3,
      onlineRate: 0.6,
      hallCoverageRate: 5 / 6,
      platformApprovableItems: 4,
      licences: { items: 3, timeReductionRate: 1 - 5 / 80, visitRate: 1 / 3, oneWindowRate: 1, instantRate: 2 / 3, onlineRate: 2 / 3 },
      cityLevelLicences: { items: 2, timeReductionRate: 1 - 5 / 40, visitRate: 0.5, oneWindowRate: 1, instantRate: 0.5, onlineRate: 0.5 },
    });
  });

  it('leaves out items that entered the catalogue later', async () => {
    const { data } = await graph.run(`{ catalogStatistics(asOf: "2020-12-31") { totalItems applicationBasedItems } }`);
    expect(data.catalogStatistics).toEqual({ totalItems: 5, applicationBasedItems: 4 });
  });
});

describe('applications', () => {
  it('serviceCenter counts stationed departments and items and the period’s applications', async () => {
    const { data, errors } = await graph.run(`{
      serviceCenter(from: "2021-01-01", to: "2021-12-31") {
        stationedDepartments stationedItems
        applications { handled completed completionRate rated satisfied satisfactionRate }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.serviceCenter).toEqual({
      stationedDepartments: 2,
      stationedItems: 3,
      applications: { handled: 6, completed: 5, completionRate: 5 / 6, rated: 5, satisfied: 3, satisfactionRate: 0.6 },
    });
  });

  it('includes the whole last day and nothing of the next', async () => {
    const { data } = await graph.run(`{ applicationStatistics(filter: { from: "2021-01-01", to: "2021-01-31" }) { handled } }`);
    expect(data.applicationStatistics.handled).toBe(2);
  });

  it('filters by department, item and channel', async () => {
    const { data } = await graph.run(
      `query ($d: ID, $i: ID) {
        byDepartment: applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", departmentCode: $d }) { handled completed rated satisfied }
        byItem: applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: $i }) { handled }
        byChannel: applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", channel: HALL }) { handled }
      }`,
      { d: DEPT.d1, i: ITEM.b },
    );
    expect(data.byDepartment).toEqual({ handled: 4, completed: 3, rated: 3, satisfied: 2 });
    expect(data.byItem.handled).toBe(2);
    expect(data.byChannel.handled).toBe(3);
  });

  it('gives null rates, not zeros, when nothing was handled', async () => {
    const { data } = await graph.run(`{ applicationStatistics(filter: { from: "2019-01-01", to: "2019-12-31" }) { handled completionRate satisfactionRate } }`);
    expect(data.applicationStatistics).toEqual({ handled: 0, completionRate: null, satisfactionRate: null });
  });
});

describe('power lists and delegation', () => {
  it('counts the entries in force per level and lists only levels that have some', async () => {
    const { data } = await graph.run(`{
      end: powerList(asOf: "2021-12-31") { levels entriesByLevel { level entries } }
      may: powerList(asOf: "2021-05-31") { entriesByLevel { level entries } }
    }`);
    expect(data.end).toEqual({
      levels: ['CITY', 'COUNTY'],
      entriesByLevel: [{ level: 'CITY', entries: 2 }, { level: 'COUNTY', entries: 3 }],
    });
    expect(data.may.entriesByLevel[0]).toEqual({ level: 'CITY', entries: 3 });
  });

  it('lists the batches oldest first with their entry counts, by year', async () => {
    const { data } = await graph.run(`{
      all: delegationBatches { number fromLevel toLevel decidedOn entries }
      none: delegationBatches(year: 2020) { number }
    }`);
    expect(data.all).toEqual([
      { number: 1, fromLevel: 'CITY', toLevel: 'COUNTY', decidedOn: '2021-03-26', entries: 1 },
      { number: 2, fromLevel: 'COUNTY', toLevel: 'TOWNSHIP', decidedOn: '2021-05-20', entries: 1 },
      { number: 3, fromLevel: 'COUNTY', toLevel: 'TOWNSHIP', decidedOn: '2021-10-15', entries: 1 },
    ]);
    expect(data.none).toEqual([]);
  });
});

describe('crossRegion', () => {
  it('counts items per arrangement and the partners as of the day', async () => {
    const { data } = await graph.run(`{
      end: crossRegion(asOf: "2021-12-31") {
        withinCityItems outboundItems inboundItems guangzhouWindowItems
        partners { name province kind since }
        agreements: partners(kind: CROSS_PROVINCE_AGREEMENT) { name }
      }
      march: crossRegion(asOf: "2021-03-31") { withinCityItems outboundItems inboundItems guangzhouWindowItems partners { name } }
    }`);
    expect(data.end).toMatchObject({ withinCityItems: 1, outboundItems: 1, inboundItems: 1, guangzhouWindowItems: 1 });
    expect(data.end.partners).toEqual([
      { name: '海口', province: '海南省', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-03-18' },
      { name: '广州', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2020-12-10' },
    ]);
    expect(data.end.agreements).toEqual([{ name: '海口' }]);
    expect(data.march).toEqual({ withinCityItems: 1, outboundItems: 1, inboundItems: 0, guangzhouWindowItems: 0, partners: [{ name: '海口' }, { name: '广州' }] });
  });
});

describe('platform, kiosks and halls', () => {
  it('platformCoverage counts divisions reached, approvable items and kiosks in service', async () => {
    const { data } = await graph.run(`{ platformCoverage(asOf: "2021-12-31") { townships villages approvableItems kiosks } }`);
    expect(data.platformCoverage).toEqual({ townships: 1, villages: 1, approvableItems: 4, kiosks: 3 });
  });

  it('serviceHalls by level, with the rating flag', async () => {
    const { data } = await graph.run(`{
      all: serviceHalls { code ratingEnabled region { code } }
      county: serviceHalls(level: COUNTY) { code }
    }`);
    expect(data.all).toEqual([
      { code: 'DT440800', ratingEnabled: true, region: { code: '440800' } },
      { code: 'DT440802', ratingEnabled: true, region: { code: '440802' } },
      { code: 'DT440802001', ratingEnabled: false, region: { code: '440802001' } },
    ]);
    expect(data.county).toEqual([{ code: 'DT440802' }]);
  });

  it('kiosks pages through a region and below, ordered by id', async () => {
    const first = await graph.run(`{ kiosks(regionCode: "440802001", first: 2) { totalCount edges { node { id region { code } installedOn } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.kiosks.totalCount).toBe(4);
    expect(first.data.kiosks.edges.map((e: any) => e.node.id)).toEqual(['K1', 'K2']);
    expect(first.data.kiosks.pageInfo.hasNextPage).toBe(true);
    const second = await graph.run(`query ($after: String) { kiosks(regionCode: "440802001", first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`, {
      after: first.data.kiosks.pageInfo.endCursor,
    });
    expect(second.data.kiosks.edges.map((e: any) => e.node.id)).toEqual(['K3', 'K4']);
    expect(second.data.kiosks.pageInfo.hasNextPage).toBe(false);
    const elsewhere = await graph.run(`{ kiosks(regionCode: "440803") { totalCount edges { node { id } } } }`);
    expect(elsewhere.data.kiosks).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('serviceChannels', () => {
  it('derives item counts from the flags and reads the provincial figures', async () => {
    const { data } = await graph.run(`{
      serviceChannels(year: 2021) {
        code name year items certificateBusinesses registeredUsers serviceDomains registeredEntities totalEntities entityRegistrationRate
      }
    }`);
    expect(data.serviceChannels).toEqual([
      { code: 'YUESHENGSHI', name: '粤省事', year: 2021, items: 1, certificateBusinesses: 7, registeredUsers: 1000, serviceDomains: [], registeredEntities: null, totalEntities: null, entityRegistrationRate: null },
      { code: 'YUESHANGTONG', name: '粤商通', year: 2021, items: 1, certificateBusinesses: null, registeredUsers: null, serviceDomains: ['企业注册登记', '银行开户'], registeredEntities: 3, totalEntities: 4, entityRegistrationRate: 0.75 },
    ]);
  });

  it('is empty for a year the province reported nothing for', async () => {
    const { data } = await graph.run(`{ serviceChannels(year: 2020) { code } }`);
    expect(data.serviceChannels).toEqual([]);
  });
});
