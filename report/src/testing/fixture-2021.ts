/**
 * A gateway answer to the AnnualReport operation for 2021, typed by the generated result type.
 * Values are typed from shared/reference/figures-2021.md; where the report says "more than"
 * (余/多/超过) the fixture holds a larger exact value, as the real dataset does, so the tests prove
 * the wording; where the report rounds a rate, the fixture holds the unrounded ratio.
 */
import type { AnnualReportQuery } from '../__generated__/graphql.js';

const MONTHLY_CALLS = [48_000, 45_500, 53_200, 54_100, 55_600, 56_300, 58_900, 59_400, 55_800, 54_700, 55_000, 55_500];

const DEPARTMENT_COUNT = 57;
const SYSTEM_COUNT = 99;

function businessSystems(): NonNullable<AnnualReportQuery['businessSystems']> {
  const edges = Array.from({ length: SYSTEM_COUNT }, (_, i) => {
    const department = i % DEPARTMENT_COUNT;
    return {
      node: {
        allocatedOn: `2021-${String((i % 12) + 1).padStart(2, '0')}-15`,
        allocation: { vcpu: 8 + ((i * 7) % 64), memoryGb: 32 + ((i * 13) % 256), storageTb: 1 + (i % 9) },
        department: { code: `11440800MB2C${String(department).padStart(5, '0')}X`, shortName: `市部门${department + 1}` },
      },
    };
  });
  return { totalCount: SYSTEM_COUNT, edges };
}

export const COUNTY_NAMES: Record<string, string> = {
  '440802': '赤坎区',
  '440803': '霞山区',
  '440804': '坡头区',
  '440811': '麻章区',
  '440823': '遂溪县',
  '440825': '徐闻县',
  '440881': '廉江市',
  '440882': '雷州市',
  '440883': '吴川市',
};

export function fixture2021(): AnnualReportQuery {
  return {
    powerList: {
      levels: ['CITY', 'COUNTY', 'TOWNSHIP'],
      entriesByLevel: [
        { level: 'CITY', entries: 7355 },
        { level: 'COUNTY', entries: 41_022 },
        { level: 'TOWNSHIP', entries: 96_450 },
      ],
    },
    delegationBatches: [
      { number: 1, fromLevel: 'CITY', toLevel: 'COUNTY', entries: 86 },
      { number: 1, fromLevel: 'COUNTY', toLevel: 'TOWNSHIP', entries: 4210 },
      { number: 2, fromLevel: 'COUNTY', toLevel: 'TOWNSHIP', entries: 3490 },
    ],
    catalogStatistics: {
      applicationBasedItems: 10_883,
      onlineApplicationItems: 10_562,
      onlineRate: 10_562 / 10_883,
      hallCoverageRate: 1,
      platformApprovableItems: 17_472,
      licences: { timeReductionRate: 0.951_13, visitRate: 0.002_91 },
      cityLevelLicences: { oneWindowRate: 1, instantRate: 0.935_94, onlineRate: 0.995_12 },
    },
    serviceCenter: {
      stationedDepartments: 45,
      stationedItems: 1775,
      applications: { handled: 534_210, completionRate: 1, satisfactionRate: 0.999_04 },
    },
    platformCoverage: { townships: 121, villages: 1944, approvableItems: 17_472, kiosks: 2221 },
    crossRegion: {
      withinCityItems: 1107,
      outboundItems: 110,
      inboundItems: 881,
      guangzhouWindowItems: 78,
      partners: [
        // Deliberately not in date order: the report lists partners by the date they signed.
        { name: '玉林', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-04-02' },
        { name: '广州', kind: 'CROSS_REGION_MECHANISM', since: '2021-02-01' },
        { name: '海口', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-03-10' },
        { name: '钦州', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-05-20' },
        { name: '北海', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-06-08' },
        { name: '银川', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-08-16' },
        { name: '柳州', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-10-11' },
        { name: '阳江', kind: 'CROSS_REGION_MECHANISM', since: '2021-03-01' },
        { name: '茂名', kind: 'CROSS_REGION_MECHANISM', since: '2021-04-01' },
        { name: '南宁', kind: 'CROSS_REGION_MECHANISM', since: '2021-05-01' },
        { name: '梧州', kind: 'CROSS_REGION_MECHANISM', since: '2021-07-01' },
        { name: '惠州', kind: 'CROSS_REGION_MECHANISM', since: '2021-09-01' },
      ],
    },
    serviceHalls: Array.from({ length: 131 }, (_, i) => ({ code: `HALL${String(i).padStart(3, '0')}`, ratingEnabled: true })),
    serviceChannels: [
      {
        code: 'YUESHENGSHI',
        items: 959,
        certificateBusinesses: 69,
        registeredUsers: 6_707_321,
        serviceDomains: [],
        registeredEntities: null,
        entityRegistrationRate: null,
      },
      {
        code: 'YUESHANGTONG',
        items: 576,
        certificateBusinesses: null,
        registeredUsers: null,
        serviceDomains: ['企业注册登记', '银行开户', '招投标', '中介超市'],
        registeredEntities: 327_000,
        entityRegistrationRate: 0.937_04,
      },
    ],
    counties: { edges: Object.entries(COUNTY_NAMES).map(([code, name]) => ({ node: { code, name } })) },
    items440802: { totalCount: 1420 },
    items440803: { totalCount: 1510 },
    items440804: { totalCount: 1186 },
    items440811: { totalCount: 1262 },
    items440823: { totalCount: 1633 },
    items440825: { totalCount: 1598 },
    items440881: { totalCount: 1899 },
    items440882: { totalCount: 1911 },
    items440883: { totalCount: 1381 },
    certificateStatistics: {
      onboardedDepartments: 59,
      catalogTypes: 278,
      serviceEnabledTypes: 260,
      issuedTypes: 194,
      ingestionRate: 194 / 278,
      issuedTotal: 9_243_000,
      stationedItems: 1247,
      itemsUsingCertificates: 1122,
      usageRate: 1122 / 1247,
    },
    capacityExpansions: [{ completedOn: '2021-04-30' }, { completedOn: '2021-10-28' }],
    cloudCapacity: { total: { vcpu: 7712, memoryGb: 29_536, storageTb: 988 } },
    cloudTenancy: { departments: DEPARTMENT_COUNT, systems: SYSTEM_COUNT },
    dataInventory: { informationSystems: 225, dataCatalogs: 1227, demandCatalogs: 50, experts: 142, itemLinkRate: 1 },
    dataFlows: [
      { flow: 'LOCAL_AGGREGATED', records: 142_345_678 },
      { flow: 'PROVINCE_RETURNED', records: 70_345_678 },
      { flow: 'SHARED_TO_DEPARTMENTS', records: 46_412_345 },
      { flow: 'SHARED_TO_COUNTIES', records: 2_953_456 },
    ],
    businessSystems: businessSystems(),
    mergedHotlines: Array.from({ length: 55 }, (_, i) => ({ number: String(12_300 + i) })),
    hotlineStatistics: {
      received: 652_000,
      directReplies: 548_000,
      dispatched: 104_000,
      replyRate: 1,
      completionRate: 0.999_71,
      satisfactionRate: 0.998_53,
    },
    hotlineTrend: MONTHLY_CALLS.map((received, i) => ({
      period: `2021-${String(i + 1).padStart(2, '0')}`,
      statistics: { received },
    })),
  };
}

/** The same operation for a year the graph holds nothing for (2019): every activity is zero. */
export function emptyYear(): AnnualReportQuery {
  const data = fixture2021();
  return {
    ...data,
    delegationBatches: [],
    serviceCenter: { stationedDepartments: 0, stationedItems: 0, applications: { handled: 0, completionRate: null, satisfactionRate: null } },
    serviceChannels: [],
    capacityExpansions: [],
    dataFlows: [],
    hotlineStatistics: { received: 0, directReplies: 0, dispatched: 0, replyRate: null, completionRate: null, satisfactionRate: null },
    hotlineTrend: [],
  };
}

/**
 * Every figure of figures-2021.md as the report prints it, keyed by the generator's figure keys:
 * the expectations of the template tests, typed from the reference rather than computed.
 */
export const PRINTED_2021: Record<string, string> = {
  'powerList.cityItems': '7355项',
  'powerList.levels': '市、县、镇三级',
  'delegation.toCountyFirstBatch': '86项',
  'delegation.toTownshipBatches': '两批',
  'delegation.toTownships': '7700项',
  'online.applyItems': '10562项',
  'online.rate': '97.05%',
  'hall.coverage': '100%',
  'center.departments': '45个',
  'center.items': '1775项',
  'center.transactions': '53万余件',
  'center.completionRate': '100%',
  'center.satisfaction': '99.9%',
  'license.timeReduction': '95.11%',
  'license.visitRate': '0.0029',
  'cityLicense.oneWindowRate': '100%',
  'cityLicense.instantRate': '93.59%',
  'cityLicense.onlineRate': '99.51%',
  'certificates.departments': '59个',
  'certificates.catalogTypes': '278种',
  'certificates.serviceEnabledTypes': '260种',
  'certificates.issuedTypes': '194种',
  'certificates.ingestionRate': '70%',
  'certificates.issuedTotal': '924.3万张',
  'certificates.itemsStationed': '1247项',
  'certificates.itemsUsingCertificates': '1122项',
  'certificates.usageRate': '90%',
  'platform.townships': '121个',
  'platform.villages': '1944个',
  'platform.items': '17472项',
  'kiosks.total': '2221台',
  'crossRegion.withinCity': '1107项',
  'crossRegion.provinceAgreements': '海口、玉林、钦州、北海、银川、柳州',
  'crossRegion.mechanisms': '广州、阳江、茂名、南宁、梧州、惠州',
  'crossRegion.outboundItems': '110项',
  'crossRegion.inboundItems': '881项',
  'crossRegion.guangzhouWindow': '78项',
  'rating.hallCoverage': '100%',
  'hotline.mergedHotlines': '55条',
  'hotline.calls': '65.2万宗',
  'hotline.directReplies': '54.8万宗',
  'hotline.dispatched': '10.4万宗',
  'hotline.replyRate': '100%',
  'hotline.completionRate': '99.97%',
  'hotline.satisfactionRate': '99.85%',
  'channels.yueshengshi.items': '959项',
  'channels.yueshengshi.certBusinesses': '69种',
  'channels.yueshengshi.users': '超过670.7万人',
  'channels.yueshangtong.items': '576项',
  'channels.yueshangtong.domainCount': '四大领域',
  'channels.yueshangtong.domains': '企业注册登记、银行开户、招投标、中介超市',
  'channels.yueshangtong.entities': '32.7万户',
  'channels.yueshangtong.rate': '93.7%',
  'cloud.expansions': '两次',
  'cloud.capacity.vcpu': '7712核',
  'cloud.capacity.memoryGb': '29536GB',
  'cloud.capacity.storageTb': '988TB',
  'cloud.tenants.departments': '57个',
  'cloud.tenants.systems': '99个',
  'inventory.informationSystems': '225个',
  'inventory.dataCatalogs': '1227类',
  'inventory.demandCatalogs': '50个',
  experts: '142名',
  'data.localRecords': '1.4亿多条',
  'data.provinceReturned': '7034万多条',
  'data.itemLinkRate': '100%',
  'data.sharedToDepartments': '4640多万条',
  'data.sharedToCounties': '295万多条',
};
