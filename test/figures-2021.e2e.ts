/**
 * Every figure of shared/reference/figures-2021.md, fetched through the real gateway over the four
 * real subgraphs in ONE cross-domain operation, and compared with the report as the report
 * rounds it. The expected values are typed here from the reference, not read from the seed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL } from './harness/graphql.js';

const ANNUAL_FIGURES = readFileSync(new URL('./operations/annual-figures.graphql', import.meta.url), 'utf8');

/** A rate as the report prints it: `digits` decimals of the fraction (97.05% → 0.9705). */
const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

let data: any;

beforeAll(async () => {
  const { status, body } = await postGraphQL(inject('gatewayUrl'), ANNUAL_FIGURES, {
    asOf: '2021-12-31',
    from: '2021-01-01',
    to: '2021-12-31',
    year: 2021,
  });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  data = body.data;
});

describe('service-items figures (政务服务事项)', () => {
  it('power and responsibility lists', () => {
    const city = data.powerList.entriesByLevel.find((e: any) => e.level === 'CITY');
    expect(city.entries).toBe(7355);
    expect(data.powerList.levels).toHaveLength(3);
  });

  it('delegation batches', () => {
    const batches = data.delegationBatches;
    const first = batches.find((b: any) => b.number === 1);
    expect(first).toMatchObject({ fromLevel: 'CITY', toLevel: 'COUNTY', entries: 86 });
    const toTownships = batches.filter((b: any) => b.toLevel === 'TOWNSHIP');
    expect(toTownships).toHaveLength(2);
    expect(toTownships.reduce((s: number, b: any) => s + b.entries, 0)).toBe(7700);
  });

  it('online, hall and licence figures', () => {
    const c = data.catalogStatistics;
    expect(c.onlineApplicationItems).toBe(10562);
    expect(rounded(c.onlineRate, 4)).toBe(0.9705);
    expect(c.hallCoverageRate).toBe(1);
    expect(c.platformApprovableItems).toBe(17472);
    expect(rounded(c.licences.timeReductionRate, 4)).toBe(0.9511);
    expect(rounded(c.licences.visitRate, 4)).toBe(0.0029);
    expect(c.cityLevelLicences.oneWindowRate).toBe(1);
    expect(rounded(c.cityLevelLicences.instantRate, 4)).toBe(0.9359);
    expect(rounded(c.cityLevelLicences.onlineRate, 4)).toBe(0.9951);
  });

  it('the city administrative service center', () => {
    const s = data.serviceCenter;
    expect(s.stationedDepartments).toBe(45);
    expect(s.stationedItems).toBe(1775);
    // 53万余件: more than 530,000, printed as 53万.
    expect(s.applications.handled).toBeGreaterThan(530_000);
    expect(s.applications.handled).toBeLessThan(540_000);
    expect(rounded(s.applications.completionRate, 4)).toBe(1);
    expect(rounded(s.applications.satisfactionRate, 3)).toBe(0.999);
  });

  it('platform coverage and kiosks', () => {
    expect(data.platformCoverage).toEqual({ townships: 121, villages: 1944, approvableItems: 17472, kiosks: 2221 });
  });

  it('cross-region processing', () => {
    const x = data.crossRegion;
    expect([x.withinCityItems, x.outboundItems, x.inboundItems, x.guangzhouWindowItems]).toEqual([1107, 110, 881, 78]);
    const names = (kind: string) => x.partners.filter((p: any) => p.kind === kind).map((p: any) => p.name).sort();
    expect(names('CROSS_PROVINCE_AGREEMENT')).toEqual(['北海', '柳州', '海口', '玉林', '钦州', '银川'].sort());
    expect(names('CROSS_REGION_MECHANISM')).toEqual(['南宁', '广州', '惠州', '梧州', '茂名', '阳江'].sort());
  });

  it('good/bad rating in every hall', () => {
    expect(data.serviceHalls.length).toBeGreaterThan(0);
    expect(data.serviceHalls.every((h: any) => h.ratingEnabled)).toBe(true);
  });

  it('the 粤省事 and 粤商通 channels', () => {
    const yss = data.serviceChannels.find((c: any) => c.code === 'YUESHENGSHI');
    expect(yss.items).toBe(959);
    expect(yss.certificateBusinesses).toBe(69);
    // 超过670.7万人: more than 6,707,000.
    expect(yss.registeredUsers).toBeGreaterThan(6_707_000);
    expect(yss.registeredUsers).toBeLessThan(6_708_000);
    const yst = data.serviceChannels.find((c: any) => c.code === 'YUESHANGTONG');
    expect(yst.items).toBe(576);
    expect(yst.serviceDomains).toHaveLength(4);
    expect(yst.registeredEntities).toBe(327_000);
    expect(rounded(yst.entityRegistrationRate, 3)).toBe(0.937);
  });
});

describe('certificates figures (电子证照)', () => {
  it('onboarding, catalogue, issuance and use', () => {
    const c = data.certificateStatistics;
    expect(c.onboardedDepartments).toBe(59);
    expect(c.catalogTypes).toBe(278);
    expect(c.serviceEnabledTypes).toBe(260);
    expect(c.issuedTypes).toBe(194);
    expect(rounded(c.ingestionRate, 2)).toBe(0.7);
    expect(c.issuedTotal).toBe(9_243_000);
    expect(c.itemsUsingCertificates).toBe(1122);
    expect(c.stationedItems).toBe(1247);
    expect(rounded(c.usageRate, 2)).toBe(0.9);
  });
});

describe('cloud figures (政务云)', () => {
  it('capacity after two expansions', () => {
    expect(data.capacityExpansions).toHaveLength(2);
    expect(data.cloudCapacity.total).toEqual({ vcpu: 7712, memoryGb: 29536, storageTb: 988 });
  });

  it('tenants and inventory', () => {
    expect(data.cloudTenancy).toMatchObject({ departments: 57, systems: 99 });
    const i = data.dataInventory;
    expect([i.informationSystems, i.dataCatalogs, i.demandCatalogs, i.experts]).toEqual([225, 1227, 50, 142]);
    expect(i.itemLinkRate).toBe(1);
  });

  it('data platform volumes (多: more than the printed figure)', () => {
    const flow = (name: string) => data.dataFlows.find((f: any) => f.flow === name).records;
    expect(flow('LOCAL_AGGREGATED')).toBeGreaterThan(140_000_000);
    expect(flow('LOCAL_AGGREGATED')).toBeLessThan(150_000_000);
    expect(flow('PROVINCE_RETURNED')).toBeGreaterThan(70_340_000);
    expect(flow('PROVINCE_RETURNED')).toBeLessThan(70_350_000);
    expect(flow('SHARED_TO_DEPARTMENTS')).toBeGreaterThan(46_400_000);
    expect(flow('SHARED_TO_DEPARTMENTS')).toBeLessThan(46_500_000);
    expect(flow('SHARED_TO_COUNTIES')).toBeGreaterThan(2_950_000);
    expect(flow('SHARED_TO_COUNTIES')).toBeLessThan(2_960_000);
  });
});

describe('hotline figures (12345)', () => {
  it('merged hotlines and the year of work orders', () => {
    expect(data.mergedHotlines).toHaveLength(55);
    const h = data.hotlineStatistics;
    expect([h.received, h.directReplies, h.dispatched]).toEqual([652_000, 548_000, 104_000]);
    expect(h.replyRate).toBe(1);
    expect(rounded(h.completionRate, 4)).toBe(0.9997);
    expect(rounded(h.satisfactionRate, 4)).toBe(0.9985);
  });
});
