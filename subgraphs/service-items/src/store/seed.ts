/**
 * The deterministic, full-scale 2021 dataset of the service-item catalogue.
 *
 * Departments, regions and items come from the shared directory (so every code the other
 * subgraphs hold resolves here); this module adds what the catalogue itself knows about them and
 * the records behind the report's figures. Wherever the report gives a figure, the seed sets that
 * many records exactly (or, for rates, a count that rounds to the printed rate); everything else
 * is drawn from plausible distributions. `generateDataset` is pure: the tests inspect it and the
 * seed inserts it.
 */
import type { Insertable, Kysely } from 'kysely';
import {
  apportion,
  bulkInsert,
  createRandom,
  directory,
  exactFlags,
  type AdministrativeLevel,
  type Directory,
  type Random,
  type ServiceItemEntry,
  type ServiceItemKind,
} from '@govgraph/core';
import {
  addDays,
  daysBetween,
  isWorkingDay,
  localInstant,
  randomDay,
  WeightedIndex,
} from '@govgraph/core';
import { applicationNumber } from './applications.js';
import { refreshApplicationRollup } from './application-rollup.js';
import { continueApplicationIds, createApplicationIndexes, createApplicationNumberIndex, dropApplicationIndexes } from './migrations.js';
import type {
  ApplicationChannel,
  ApplicationTable,
  ChannelServiceDomainTable,
  ChannelStatisticsTable,
  CrossRegionScope,
  Database,
  DelegationBatchTable,
  DepartmentTable,
  ItemChannelTable,
  ItemCrossRegionTable,
  KioskTable,
  PartnerCityTable,
  PowerListEntryTable,
  RegionAncestorTable,
  RegionTable,
  ServiceHallTable,
  ServiceItemTable,
} from './schema.js';

/** The report's figures this dataset is built to reproduce (figures-2021.md, service-items). */
export const TARGETS = {
  cityPowerListEntries: 7355,
  firstDelegationBatch: 86,
  townshipDelegation: [4268, 3432] as const, // two batches, 7700 in all
  onlineApplicationItems: 10_562,
  centerItems: 1775,
  applications: 531_842, // 53万余
  ratedApplications: 340_517,
  dissatisfiedRatings: 339, // 340,178 / 340,517 = 99.90 % satisfied
  licenceTimeReduction: 0.9511,
  licenceVisits: 10, // 10 / 3,450 licences = 0.0029 visits per licence
  cityLicenceInstant: 963, // 963 / 1,029 = 93.59 %
  cityLicenceOnline: 1024, // 1,024 / 1,029 = 99.51 %
  platformApprovableItems: 17_472,
  kiosks: 2221,
  crossRegion: {
    WITHIN_CITY: 1107,
    CROSS_PROVINCE_OUTBOUND: 110,
    CROSS_PROVINCE_INBOUND: 881,
    GUANGZHOU_WINDOW: 78,
  } satisfies Record<CrossRegionScope, number>,
  yueshengshiItems: 959,
  yueshangtongItems: 576,
} as const;

const YEAR_START = '2021-01-01';
const YEAR_END = '2021-12-31';

export interface Dataset {
  regions: Insertable<RegionTable>[];
  regionAncestors: Insertable<RegionAncestorTable>[];
  departments: Insertable<DepartmentTable>[];
  serviceItems: Insertable<ServiceItemTable>[];
  itemCrossRegion: Insertable<ItemCrossRegionTable>[];
  itemChannels: Insertable<ItemChannelTable>[];
  delegationBatches: Insertable<DelegationBatchTable>[];
  powerListEntries: Insertable<PowerListEntryTable>[];
  partnerCities: Insertable<PartnerCityTable>[];
  kiosks: Insertable<KioskTable>[];
  serviceHalls: Insertable<ServiceHallTable>[];
  channelStatistics: Insertable<ChannelStatisticsTable>[];
  channelServiceDomains: Insertable<ChannelServiceDomainTable>[];
  applications: Insertable<ApplicationTable>[];
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`service-items seed: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Regions and departments

function buildRegions(dir: Directory, random: Random): Pick<Dataset, 'regions' | 'regionAncestors'> {
  const since = new Map<string, string>();
  const regions = dir.regions.map((r) => {
    let platformSince: string;
    switch (r.level) {
      case 'CITY':
        platformSince = '2020-06-30';
        break;
      case 'COUNTY':
        platformSince = randomDay(random, '2020-07-01', '2020-09-30');
        break;
      case 'TOWNSHIP':
        platformSince = randomDay(random, '2020-10-08', '2021-05-31');
        break;
      case 'VILLAGE': {
        // A village joins after its township, as the platform was rolled out downwards.
        const parent = since.get(r.parentCode!)!;
        const candidate = addDays(parent, random.int(7, 180));
        platformSince = candidate < '2021-12-15' ? candidate : '2021-12-15';
        break;
      }
    }
    since.set(r.code, platformSince);
    return { code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, platform_since: platformSince };
  });
  return { regions, regionAncestors: regionAncestorRows(dir.regions) };
}

/** Every (division, ancestor-or-self) pair of a set of divisions that holds all their ancestors. */
export function regionAncestorRows(regions: readonly { code: string; parentCode: string | null }[]): Insertable<RegionAncestorTable>[] {
  const parentOf = new Map(regions.map((r) => [r.code, r.parentCode]));
  const rows: Insertable<RegionAncestorTable>[] = [];
  for (const r of regions) {
    for (let at: string | null = r.code; at !== null; at = parentOf.get(at) ?? null) {
      rows.push({ region_code: r.code, ancestor_code: at });
    }
  }
  return rows;
}

function buildDepartments(dir: Directory): Insertable<DepartmentTable>[] {
  return dir.departments.map((d) => ({
    code: d.code,
    name: d.name,
    short_name: d.shortName,
    level: d.level,
    region_code: d.regionCode,
    stationed_in_center: d.stationedInCenter ? 1 : 0,
  }));
}

// ---------------------------------------------------------------------------------------------
// Service items

const LICENCE_STATUTORY_DAYS: readonly (readonly [number, number])[] = [
  [20, 45], [10, 8], [15, 10], [30, 12], [45, 6], [60, 10], [90, 4], [5, 5],
];
const APPLICATION_STATUTORY_DAYS: readonly (readonly [number, number])[] = [
  [20, 35], [30, 20], [15, 15], [10, 10], [60, 10], [7, 10],
];
const PUBLIC_SERVICE_STATUTORY_DAYS: readonly (readonly [number, number])[] = [
  [1, 20], [3, 20], [5, 25], [10, 20], [15, 10], [30, 5],
];
/** The catalogue was standardised mostly in 2018-2019 (广东政务服务事项目录 overhaul). */
const CATALOGUE_YEARS: readonly (readonly [number, number])[] = [
  [2016, 5], [2017, 10], [2018, 20], [2019, 30], [2020, 20], [2021, 15],
];

function isLicence(item: ServiceItemEntry): boolean {
  return item.kind === 'ADMINISTRATIVE_LICENSE';
}

function promisedFor(statutory: number, random: Random, low: number, high: number): number {
  const share = low + random.next() * (high - low);
  return Math.max(1, Math.min(statutory - 1, Math.round(statutory * share)));
}

/**
 * Moves Σ promised days of the non-instant licences to exactly `target`, one day at a time on
 * items drawn at random, keeping every item within 1 … statutory − 1 days.
 */
function adjustPromisedDays(rows: Insertable<ServiceItemTable>[], target: number, random: Random): void {
  let diff = target - rows.reduce((s, r) => s + r.promised_days, 0);
  while (diff !== 0) {
    const before = diff;
    for (const row of random.shuffle(rows)) {
      if (diff === 0) break;
      const next = row.promised_days + Math.sign(diff);
      if (next >= 1 && next <= row.statutory_days - 1) {
        row.promised_days = next;
        diff -= Math.sign(diff);
      }
    }
    check(diff !== before, `cannot move promised days to ${target}`);
  }
}

function buildServiceItems(dir: Directory, random: Random): Insertable<ServiceItemTable>[] {
  const rows: Insertable<ServiceItemTable>[] = dir.items.map((item) => {
    const statutory = random.weighted(
      isLicence(item)
        ? LICENCE_STATUTORY_DAYS
        : item.applicationBased
          ? APPLICATION_STATUTORY_DAYS
          : PUBLIC_SERVICE_STATUTORY_DAYS,
    );
    const year = random.weighted(CATALOGUE_YEARS);
    return {
      code: item.code,
      name: item.name,
      kind: item.kind,
      application_based: item.applicationBased ? 1 : 0,
      department_code: item.departmentCode,
      level: item.level,
      region_code: item.regionCode,
      statutory_days: statutory,
      promised_days: 0,
      required_visits: 0,
      online_available: 0,
      instant: 0,
      one_window_acceptance: random.next() < (item.applicationBased ? 0.92 : 0.85) ? 1 : 0,
      // Every application-based and public-service item is in some hall (100 % coverage).
      stationed_in_hall: 1,
      stationed_in_center: 0,
      platform_approvable: 0,
      effective_from: randomDay(random, `${year}-01-01`, `${year}-12-31`),
    };
  });

  const cityLicences = rows.filter((r) => r.kind === 'ADMINISTRATIVE_LICENSE' && r.level === 'CITY');
  const otherLicences = rows.filter((r) => r.kind === 'ADMINISTRATIVE_LICENSE' && r.level !== 'CITY');
  const otherApplicationBased = rows.filter((r) => r.application_based === 1 && !(r.kind === 'ADMINISTRATIVE_LICENSE' && r.level === 'CITY'));
  const publicServices = rows.filter((r) => r.application_based === 0);
  check(cityLicences.length === 1029 && otherLicences.length === 2421, 'the directory no longer has 1,029 + 2,421 licences');

  // 即办件: exact at city level, where the report gives the rate; plausible shares elsewhere.
  const cityInstant = exactFlags(cityLicences.length, TARGETS.cityLicenceInstant, random);
  cityLicences.forEach((r, i) => {
    r.instant = cityInstant[i] ? 1 : 0;
    r.one_window_acceptance = 1; // 一窗受理率 100 % at city level
  });
  for (const r of otherLicences) r.instant = random.next() < 0.75 ? 1 : 0;
  for (const r of rows) {
    if (r.kind === 'ADMINISTRATIVE_LICENSE') continue;
    r.instant = random.next() < (r.application_based ? 0.45 : 0.6) ? 1 : 0;
  }
  for (const r of rows) {
    if (r.instant) continue;
    r.promised_days = r.kind === 'ADMINISTRATIVE_LICENSE'
      ? promisedFor(r.statutory_days, random, 0.08, 0.35)
      : promisedFor(r.statutory_days, random, 0.2, 0.6);
  }

  // 办理时限压缩率: Σ promised / Σ statutory over all licences set so 1 − ratio rounds to 95.11 %.
  const licences = [...cityLicences, ...otherLicences];
  const statutoryTotal = licences.reduce((s, r) => s + r.statutory_days, 0);
  const promisedTarget = Math.round((1 - TARGETS.licenceTimeReduction) * statutoryTotal);
  const nonInstantLicences = licences.filter((r) => r.instant === 0);
  adjustPromisedDays(nonInstantLicences, promisedTarget, random);

  // 跑动率: almost every licence is zero-visit; exactly ten still need one visit.
  for (const r of random.sample(nonInstantLicences, TARGETS.licenceVisits)) r.required_visits = 1;
  for (const r of rows) {
    if (r.kind === 'ADMINISTRATIVE_LICENSE') continue;
    r.required_visits = random.next() < (r.application_based ? 0.04 : 0.1) ? 1 : 0;
  }

  // 网上可办: exact among city licences and among all application-based items.
  const cityOnline = exactFlags(cityLicences.length, TARGETS.cityLicenceOnline, random);
  cityLicences.forEach((r, i) => (r.online_available = cityOnline[i] ? 1 : 0));
  const otherOnline = exactFlags(
    otherApplicationBased.length,
    TARGETS.onlineApplicationItems - TARGETS.cityLicenceOnline,
    random,
  );
  otherApplicationBased.forEach((r, i) => (r.online_available = otherOnline[i] ? 1 : 0));
  for (const r of publicServices) r.online_available = random.next() < 0.7 ? 1 : 0;

  // 进驻市行政服务中心: city items of the stationed departments.
  const stationedDepartments = new Set(dir.departments.filter((d) => d.stationedInCenter).map((d) => d.code));
  const centerCandidates = rows.filter((r) => r.level === 'CITY' && stationedDepartments.has(r.department_code));
  for (const r of random.sample(centerCandidates, TARGETS.centerItems)) r.stationed_in_center = 1;

  const approvable = exactFlags(rows.length, TARGETS.platformApprovableItems, random);
  rows.forEach((r, i) => (r.platform_approvable = approvable[i] ? 1 : 0));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Cross-region processing and channels

function flagItems<T>(
  candidates: readonly Insertable<ServiceItemTable>[],
  count: number,
  random: Random,
  window: readonly [string, string],
  make: (item: Insertable<ServiceItemTable>, since: string) => T,
): T[] {
  check(candidates.length >= count, `only ${candidates.length} candidates for ${count} items`);
  return random
    .sample(candidates, count)
    .map((item) => make(item, later(item.effective_from, randomDay(random, window[0], window[1]))));
}

function buildCrossRegion(items: Insertable<ServiceItemTable>[], random: Random): Insertable<ItemCrossRegionTable>[] {
  const upper = items.filter((r) => r.level !== 'TOWNSHIP');
  const upperApplication = upper.filter((r) => r.application_based === 1);
  const make = (scope: CrossRegionScope) => (item: Insertable<ServiceItemTable>, since: string) => ({
    item_code: item.code,
    scope,
    since,
  });
  const withinCity = flagItems(upperApplication, TARGETS.crossRegion.WITHIN_CITY, random, ['2020-06-01', '2021-11-30'], make('WITHIN_CITY'));
  // Items opened to other provinces are ones the city already handles anywhere within it.
  const withinCityCodes = new Set(withinCity.map((r) => r.item_code));
  const outbound = flagItems(
    upperApplication.filter((r) => withinCityCodes.has(r.code)),
    TARGETS.crossRegion.CROSS_PROVINCE_OUTBOUND,
    random,
    ['2021-03-01', '2021-12-20'],
    make('CROSS_PROVINCE_OUTBOUND'),
  );
  const inbound = flagItems(upper, TARGETS.crossRegion.CROSS_PROVINCE_INBOUND, random, ['2021-01-15', '2021-12-20'], make('CROSS_PROVINCE_INBOUND'));
  const guangzhou = flagItems(
    upperApplication.filter((r) => r.level === 'CITY'),
    TARGETS.crossRegion.GUANGZHOU_WINDOW,
    random,
    ['2021-04-20', '2021-12-20'],
    make('GUANGZHOU_WINDOW'),
  );
  return [...withinCity, ...outbound, ...inbound, ...guangzhou];
}

function buildItemChannels(items: Insertable<ServiceItemTable>[], random: Random): Insertable<ItemChannelTable>[] {
  const upper = items.filter((r) => r.level !== 'TOWNSHIP');
  // 粤省事 serves citizens (public services, payments, confirmations); 粤商通 serves businesses.
  const citizen = upper.filter((r) => r.kind !== 'ADMINISTRATIVE_LICENSE');
  const business = upper.filter((r) => r.kind === 'ADMINISTRATIVE_LICENSE' || r.kind === 'OTHER_ADMINISTRATIVE_POWER');
  return [
    ...flagItems(citizen, TARGETS.yueshengshiItems, random, ['2018-06-01', '2021-12-20'], (item, since) => ({
      item_code: item.code,
      channel: 'YUESHENGSHI' as const,
      since,
    })),
    ...flagItems(business, TARGETS.yueshangtongItems, random, ['2019-12-01', '2021-12-20'], (item, since) => ({
      item_code: item.code,
      channel: 'YUESHANGTONG' as const,
      since,
    })),
  ];
}

const PARTNER_CITIES: readonly Insertable<PartnerCityTable>[] = [
  { name: '海口', province: '海南省', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-03-18' },
  { name: '玉林', province: '广西壮族自治区', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-04-22' },
  { name: '钦州', province: '广西壮族自治区', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-05-27' },
  { name: '北海', province: '广西壮族自治区', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-06-24' },
  { name: '银川', province: '宁夏回族自治区', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-08-12' },
  { name: '柳州', province: '广西壮族自治区', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-10-21' },
  { name: '广州', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2020-12-10' },
  { name: '阳江', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2021-01-28' },
  { name: '茂名', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2021-01-28' },
  { name: '南宁', province: '广西壮族自治区', kind: 'CROSS_REGION_MECHANISM', since: '2021-05-13' },
  { name: '梧州', province: '广西壮族自治区', kind: 'CROSS_REGION_MECHANISM', since: '2021-07-08' },
  { name: '惠州', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2021-09-16' },
];

// ---------------------------------------------------------------------------------------------
// Power and responsibility lists, delegation

export const DELEGATION_BATCHES: readonly Insertable<DelegationBatchTable>[] = [
  { number: 1, title: '市直部门首批委托下放县（市、区）行政职权事项', from_level: 'CITY', to_level: 'COUNTY', decided_on: '2021-03-26' },
  { number: 2, title: '第一批下放镇街综合行政执法事项', from_level: 'COUNTY', to_level: 'TOWNSHIP', decided_on: '2021-05-20' },
  { number: 3, title: '第二批下放镇街综合行政执法事项', from_level: 'COUNTY', to_level: 'TOWNSHIP', decided_on: '2021-10-15' },
];

const CATEGORY_OF_KIND: Record<Exclude<ServiceItemKind, 'PUBLIC_SERVICE'>, string> = {
  ADMINISTRATIVE_LICENSE: '行政许可',
  ADMINISTRATIVE_PAYMENT: '行政给付',
  ADMINISTRATIVE_CONFIRMATION: '行政确认',
  ADMINISTRATIVE_ADJUDICATION: '行政裁决',
  ADMINISTRATIVE_REWARD: '行政奖励',
  OTHER_ADMINISTRATIVE_POWER: '其他行政权力',
};
const ENFORCEMENT_CATEGORIES: readonly (readonly [string, number])[] = [
  ['行政处罚', 78], ['行政强制', 8], ['行政检查', 10], ['行政征收', 4],
];
const VIOLATIONS = [
  '未取得许可擅自从事经营活动', '违反安全生产管理规定', '违法占用城市道路', '违规排放污染物', '未批先建',
  '销售不合格产品', '无证从事道路运输经营', '违反消防安全管理规定', '违反食品安全管理规定',
  '违规倾倒建筑垃圾', '非法采砂', '使用禁用渔具捕捞', '擅自设置户外广告', '不执行政府定价',
  '拖欠劳动者工资', '擅自采伐林木', '违反动物防疫规定', '损坏文物保护单位', '违规经营娱乐场所',
  '发布虚假广告', '违规设置摊点', '违法占用耕地', '无证行医', '违规存放危险化学品',
];
const MEASURES = ['查封违法经营场所', '扣押违法物品', '暂扣违法运输车辆', '强制拆除违法建筑物', '冻结违法所得', '强制清除道路障碍物'];
const INSPECTED = ['食品生产经营', '特种设备使用', '建筑施工现场', '危险化学品经营', '道路运输企业', '医疗机构', '学校安全', '重点污染源', '农药经营', '渔船安全'];
const LEVIES = ['城市基础设施配套费', '水资源费', '防空地下室易地建设费', '土地闲置费', '污水处理费'];
const ENFORCEMENT_DEPARTMENT_HINTS = ['市场监督', '生态环境', '城市管理', '交通运输', '自然资源', '住房和城乡', '应急管理', '农业农村', '海洋与渔业', '公安', '文化广电', '水务', '卫生健康'];

function enforcementName(category: string, random: Random): string {
  switch (category) {
    case '行政处罚':
      return `对${random.pick(VIOLATIONS)}行为的行政处罚`;
    case '行政强制':
      return random.pick(MEASURES);
    case '行政检查':
      return `对${random.pick(INSPECTED)}的监督检查`;
    default:
      return `${random.pick(LEVIES)}征收`;
  }
}

function itemSubject(name: string): string {
  const cut = name.indexOf('（');
  return cut < 0 ? name : name.slice(0, cut);
}

function buildPowerList(
  dir: Directory,
  items: Insertable<ServiceItemTable>[],
  random: Random,
): Insertable<PowerListEntryTable>[] {
  const entries: Insertable<PowerListEntryTable>[] = [];
  const serialByRegion = new Map<string, number>();
  const add = (
    level: AdministrativeLevel,
    departmentCode: string,
    category: string,
    name: string,
    itemCode: string | null,
    effectiveFrom: string,
    repealedOn: string | null = null,
  ): Insertable<PowerListEntryTable> => {
    const regionCode = dir.departmentByCode.get(departmentCode)!.regionCode;
    const serial = (serialByRegion.get(regionCode) ?? 0) + 1;
    serialByRegion.set(regionCode, serial);
    const entry = {
      id: entries.length + 1,
      code: `QZ${regionCode}${String(serial).padStart(5, '0')}`,
      name,
      category,
      level,
      department_code: departmentCode,
      item_code: itemCode,
      delegation_batch: null,
      effective_from: effectiveFrom,
      repealed_on: repealedOn,
    };
    entries.push(entry);
    return entry;
  };
  const listDay = (level: AdministrativeLevel) =>
    random.next() < 0.8
      ? randomDay(random, level === 'CITY' ? '2019-03-01' : '2019-06-01', '2020-12-31')
      : randomDay(random, YEAR_START, '2021-12-20');

  for (const level of ['CITY', 'COUNTY', 'TOWNSHIP'] as const) {
    // Application-based powers are implemented by a catalogue item each.
    for (const item of items) {
      if (item.level !== level || item.application_based === 0) continue;
      const category = CATEGORY_OF_KIND[item.kind as keyof typeof CATEGORY_OF_KIND];
      add(level, item.department_code, category, itemSubject(item.name), item.code, later(listDay(level), item.effective_from));
    }
  }

  // City list: the enforcement powers bring the entries in force to the report's 7,355, and a
  // few entries were repealed when the list was revised.
  const cityDepartments = dir.departments.filter((d) => d.level === 'CITY');
  const cityWeights = cityDepartments.map((d) => [d.code, ENFORCEMENT_DEPARTMENT_HINTS.some((h) => d.name.includes(h)) ? 6 : 1] as const);
  const cityLinked = entries.filter((e) => e.level === 'CITY').length;
  for (let i = cityLinked; i < TARGETS.cityPowerListEntries; i++) {
    const category = random.weighted(ENFORCEMENT_CATEGORIES);
    add('CITY', random.weighted(cityWeights), category, enforcementName(category, random), null, listDay('CITY'));
  }
  for (let i = 0; i < 124; i++) {
    const category = random.weighted(ENFORCEMENT_CATEGORIES);
    const from = randomDay(random, '2019-03-01', '2019-12-31');
    add('CITY', random.weighted(cityWeights), category, enforcementName(category, random), null, from, randomDay(random, '2020-05-01', '2021-11-30'));
  }

  for (const county of dir.regions.filter((r) => r.level === 'COUNTY')) {
    const owners = dir.departments.filter((d) => d.level === 'COUNTY' && d.regionCode === county.code);
    const weights = owners.map((d) => [d.code, ENFORCEMENT_DEPARTMENT_HINTS.some((h) => d.name.includes(h)) ? 6 : 1] as const);
    for (let i = random.int(2000, 2600); i > 0; i--) {
      const category = random.weighted(ENFORCEMENT_CATEGORIES);
      add('COUNTY', random.weighted(weights), category, enforcementName(category, random), null, listDay('COUNTY'));
    }
  }
  for (const township of dir.departments.filter((d) => d.level === 'TOWNSHIP')) {
    for (let i = random.int(30, 50); i > 0; i--) {
      const category = random.weighted(ENFORCEMENT_CATEGORIES.slice(0, 3));
      add('TOWNSHIP', township.code, category, enforcementName(category, random), null, listDay('TOWNSHIP'));
    }
  }

  // Batch 1: city licences and other application-based powers entrusted to the counties.
  const [first, second, third] = DELEGATION_BATCHES as [Insertable<DelegationBatchTable>, Insertable<DelegationBatchTable>, Insertable<DelegationBatchTable>];
  const cityCandidates = entries.filter((e) => e.level === 'CITY' && e.item_code !== null && e.effective_from < first.decided_on);
  for (const e of random.sample(cityCandidates, TARGETS.firstDelegationBatch)) e.delegation_batch = first.number;

  // Batches 2 and 3: county enforcement powers handed to townships (综合行政执法).
  const enforcement = new Set(['行政处罚', '行政强制', '行政检查']);
  const countyCandidates = entries.filter(
    (e) => e.level === 'COUNTY' && e.repealed_on === null && enforcement.has(e.category) && e.effective_from < second.decided_on,
  );
  const [inSecond, inThird] = TARGETS.townshipDelegation;
  const delegated = random.sample(countyCandidates, inSecond + inThird);
  delegated.forEach((e, i) => (e.delegation_batch = i < inSecond ? second.number : third.number));
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Kiosks, halls, channels

function buildKiosks(dir: Directory, random: Random): Insertable<KioskTable>[] {
  const kiosks: Insertable<KioskTable>[] = [];
  const perRegion = new Map<string, number>();
  const add = (regionCode: string, site: string) => {
    const n = (perRegion.get(regionCode) ?? 0) + 1;
    perRegion.set(regionCode, n);
    kiosks.push({
      id: `YZZ-${regionCode}-${n}`,
      region_code: regionCode,
      site,
      installed_on: randomDay(random, random.next() < 0.3 ? '2020-08-01' : YEAR_START, '2021-12-28'),
    });
  };
  const townships = dir.regions.filter((r) => r.level === 'TOWNSHIP');
  const villages = dir.regions.filter((r) => r.level === 'VILLAGE');
  const perTownship = townships.map(() => random.weighted([[1, 40], [2, 40], [3, 20]] as const));
  const townshipTotal = perTownship.reduce((s, n) => s + n, 0);
  const villageTotal = TARGETS.kiosks - townshipTotal;
  const withOne = random.sample(villages, Math.min(villages.length, Math.round(villages.length * 0.92)));
  const withTwo = random.sample(withOne, villageTotal - withOne.length);
  townships.forEach((t, i) => {
    const sites = [`${t.name}政务服务中心`, `${t.name}农商银行营业厅`, `${t.name}邮政支局`];
    for (let k = 0; k < perTownship[i]!; k++) add(t.code, sites[k]!);
  });
  for (const v of withOne) add(v.code, `${v.name}党群服务中心`);
  for (const v of withTwo) add(v.code, v.name.endsWith('社区') ? `${v.name}居委会便民服务站` : `${v.name}村委会便民服务站`);
  check(kiosks.length === TARGETS.kiosks, `${kiosks.length} kiosks instead of ${TARGETS.kiosks}`);
  return kiosks.sort((a, b) => (a.id < b.id ? -1 : 1));
}

function buildServiceHalls(dir: Directory): Insertable<ServiceHallTable>[] {
  return dir.regions
    .filter((r) => r.level !== 'VILLAGE')
    .map((r) => {
      const county = r.level === 'TOWNSHIP' ? dir.regionByCode.get(r.parentCode!)!.name : '';
      return {
        code: `DT${r.code}`,
        name: r.level === 'CITY' ? '湛江市行政服务中心' : r.level === 'COUNTY' ? `${r.name}政务服务中心` : `${county}${r.name}便民服务中心`,
        level: r.level as AdministrativeLevel,
        region_code: r.code,
        rating_enabled: 1 as const,
      };
    });
}

function buildChannelFigures(): Pick<Dataset, 'channelStatistics' | 'channelServiceDomains'> {
  return {
    channelStatistics: [
      { channel: 'YUESHENGSHI', year: 2021, name: '粤省事', certificate_businesses: 69, registered_users: 6_707_436, registered_entities: null, total_entities: null },
      // 327,000 / 349,000 = 93.70 % of the city's market entities registered.
      { channel: 'YUESHANGTONG', year: 2021, name: '粤商通', certificate_businesses: null, registered_users: null, registered_entities: 327_000, total_entities: 349_000 },
    ],
    channelServiceDomains: ['企业注册登记', '银行开户', '招投标', '中介超市'].map((domain, i) => ({
      channel: 'YUESHANGTONG' as const,
      year: 2021,
      position: i + 1,
      domain,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Applications (办件) in the city administrative service center

/** Busier before the Spring Festival and in summer (graduates, school enrolment), quiet in February. */
const MONTH_WEIGHT = [1.05, 0.7, 1.1, 1.0, 0.95, 1.05, 1.2, 1.15, 1.0, 0.9, 1.0, 1.1];

const CHANNELS: readonly (readonly [ApplicationChannel, number])[] = [['HALL', 56], ['ONLINE', 37], ['KIOSK', 7]];

function dayWeight(day: string, channel: ApplicationChannel): number {
  const month = MONTH_WEIGHT[Number(day.slice(5, 7)) - 1]!;
  if (isWorkingDay(day)) return month;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  switch (channel) {
    case 'HALL':
      return weekend && weekday === 6 ? 0.06 * month : 0; // Saturday appointments only
    case 'KIOSK':
      return 0.3 * month;
    case 'ONLINE':
      return 0.4 * month;
  }
}

/** Minute of the day an application comes in: the hall's opening hours, or any waking hour online. */
function submissionMinute(channel: ApplicationChannel, random: Random): number {
  switch (channel) {
    case 'HALL':
      return random.next() < 0.58 ? random.int(8 * 60 + 30, 11 * 60 + 59) : random.int(14 * 60 + 30, 17 * 60 + 29);
    case 'KIOSK':
      return random.int(8 * 60, 19 * 60 + 59);
    case 'ONLINE': {
      const hour = random.weighted(ONLINE_HOURS);
      return hour * 60 + random.int(0, 59);
    }
  }
}
const ONLINE_HOURS: readonly (readonly [number, number])[] = [
  [7, 2], [8, 5], [9, 10], [10, 11], [11, 9], [12, 4], [13, 4], [14, 8], [15, 10], [16, 9], [17, 6],
  [18, 3], [19, 4], [20, 5], [21, 5], [22, 3], [23, 1],
];

function buildApplications(items: Insertable<ServiceItemTable>[], random: Random): Insertable<ApplicationTable>[] {
  const days = daysBetween(YEAR_START, YEAR_END);
  const dayPicker = new Map<ApplicationChannel, WeightedIndex>(
    CHANNELS.map(([channel]) => [channel, new WeightedIndex(days.map((d) => dayWeight(d, channel)))]),
  );
  const workingDays = days.map((d, i) => [d, i] as const).filter(([d]) => isWorkingDay(d)).map(([, i]) => i);
  // For each day, the position in `workingDays` of the first working day after it.
  const nextWorking = days.map((_, i) => {
    const at = workingDays.findIndex((w) => w > i);
    return at < 0 ? workingDays.length : at;
  });

  // A few high-volume items (不动产登记, 社保, 公积金…) carry most of the center's work.
  const center = random.shuffle(items.filter((r) => r.stationed_in_center === 1));
  const perItem = apportion(TARGETS.applications, center.map((_, rank) => 1 / (rank + 3) ** 0.95));
  const channelPicker = new WeightedIndex(CHANNELS.map(([, w]) => w));
  const offlinePicker = new WeightedIndex([88, 0, 12]);

  const rows: Insertable<ApplicationTable>[] = [];
  const order: number[] = [];
  center.forEach((item, k) => {
    for (let n = perItem[k]!; n > 0; n--) {
      const channel = CHANNELS[(item.online_available ? channelPicker : offlinePicker).draw(random)]![0];
      const dayIndex = dayPicker.get(channel)!.draw(random);
      const day = days[dayIndex]!;
      const minute = submissionMinute(channel, random);
      const second = random.int(0, 59);
      let completedDay: string;
      let completedMinute: number;
      if (item.instant) {
        completedDay = day;
        completedMinute = Math.min(minute + random.int(3, 45), 23 * 60 + 59);
      } else {
        // Most applications finish well within the promised limit.
        const within = 1 + Math.floor(item.promised_days * random.next() ** 2);
        const at = nextWorking[dayIndex]! + within - 1;
        if (at < workingDays.length) {
          completedDay = days[workingDays[at]!]!;
          completedMinute = random.int(9 * 60, 17 * 60 + 29);
        } else {
          // Late-December cases were cleared before the year closed.
          completedDay = YEAR_END;
          completedMinute = day === YEAR_END
            ? Math.min(minute + random.int(10, 60), 23 * 60 + 59)
            : random.int(9 * 60, 17 * 60 + 29);
        }
      }
      order.push(dayIndex * 86_400 + minute * 60 + second);
      rows.push({
        id: 0,
        number: '',
        item_code: item.code,
        department_code: item.department_code,
        channel,
        submitted_at: localInstant(day, minute, second),
        completed_at: localInstant(completedDay, completedMinute, completedDay === day && completedMinute === minute ? 59 : random.int(0, 59)),
        rating: null,
      });
    }
  });

  // 好差评: about 64 % rate their application; exactly 339 of the ratings are bad.
  const rated = random.sample([...rows.keys()], TARGETS.ratedApplications);
  rated.forEach((index, i) => {
    rows[index]!.rating = i < TARGETS.dissatisfiedRatings
      ? random.weighted([[2, 60], [1, 40]] as const)
      : random.weighted([[5, 86], [4, 11], [3, 3]] as const);
  });

  // Ids follow submission time, as an intake system would number them.
  // Packing (time, index) into one number lets a typed-array sort do the work.
  const keys = Float64Array.from(order, (time, index) => time * 2 ** 20 + index);
  keys.sort();
  return Array.from(keys, (key, i) => {
    const row = rows[key % 2 ** 20]!;
    row.id = i + 1;
    row.number = applicationNumber(row.id);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------

export function generateDataset(dir: Directory = directory()): Dataset {
  const random = createRandom('govgraph-service-items-2021');
  const { regions, regionAncestors } = buildRegions(dir, random);
  const serviceItems = buildServiceItems(dir, random);
  return {
    regions,
    regionAncestors,
    departments: buildDepartments(dir),
    serviceItems,
    itemCrossRegion: buildCrossRegion(serviceItems, random),
    itemChannels: buildItemChannels(serviceItems, random),
    delegationBatches: [...DELEGATION_BATCHES],
    powerListEntries: buildPowerList(dir, serviceItems, random),
    partnerCities: [...PARTNER_CITIES],
    kiosks: buildKiosks(dir, random),
    serviceHalls: buildServiceHalls(dir),
    ...buildChannelFigures(),
    applications: buildApplications(serviceItems, random),
  };
}

/** Inserts a dataset, parents before children (foreign keys are enforced). */
export async function insertDataset(db: Kysely<Database>, data: Dataset): Promise<void> {
  await bulkInsert(db, 'regions', data.regions);
  await bulkInsert(db, 'region_ancestors', data.regionAncestors);
  await bulkInsert(db, 'departments', data.departments);
  await bulkInsert(db, 'service_items', data.serviceItems);
  await bulkInsert(db, 'item_cross_region', data.itemCrossRegion);
  await bulkInsert(db, 'item_channels', data.itemChannels);
  await bulkInsert(db, 'delegation_batches', data.delegationBatches);
  await bulkInsert(db, 'power_list_entries', data.powerListEntries);
  await bulkInsert(db, 'partner_cities', data.partnerCities);
  await bulkInsert(db, 'kiosks', data.kiosks);
  await bulkInsert(db, 'service_halls', data.serviceHalls);
  await bulkInsert(db, 'channel_statistics', data.channelStatistics);
  await bulkInsert(db, 'channel_service_domains', data.channelServiceDomains);
  await dropApplicationIndexes(db);
  await bulkInsert(db, 'applications', data.applications);
  await createApplicationIndexes(db);
  await createApplicationNumberIndex(db);
  await continueApplicationIds(db);
  await refreshApplicationRollup(db);
}

/** The full 2021 seed, run once per database by `seedOnce`. */
export async function seed(db: Kysely<Database>): Promise<void> {
  await insertDataset(db, generateDataset());
}
