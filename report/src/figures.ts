/**
 * Every figure of the annual report: where it comes from in the AnnualReport result, and how it
 * prints. Keys follow shared/reference/figures-2021.md. A figure whose data is missing (its
 * subgraph down, a field null) prints as null, which the renderers show as unavailable; a value
 * the formatting rules refuse (a rate above 1, a negative count) is treated the same way, so a
 * wrong number never reaches the page.
 */
import type { AnnualReportQuery } from './__generated__/graphql.js';
import type { SubgraphName } from './client.js';
import { count, decimal, enumeration, large, percent, smallCount } from './format.js';

export type Domain = 'reform' | 'certificates' | 'efficiency' | 'infrastructure';

export const DOMAIN_TITLES: Record<Domain, string> = {
  reform: '政务服务改革与服务大厅',
  certificates: '电子证照',
  efficiency: '服务效能：基层平台、自助终端、跨域通办与12345热线',
  infrastructure: '数字政府基础设施与数据',
};

type Data = AnnualReportQuery;
type Printed = string | null | undefined;

export interface FigureDefinition {
  key: string;
  domain: Domain;
  /** The subgraph that owns the figure's data. */
  subgraph: SubgraphName;
  /** The figure's name in the key-figures table. */
  label: string;
  print(data: Data): Printed;
}

const LEVEL_NAMES = { CITY: '市', COUNTY: '县', TOWNSHIP: '镇' } as const;

const channel = (data: Data, code: 'YUESHENGSHI' | 'YUESHANGTONG') => data.serviceChannels?.find((c) => c.code === code);

const partners = (data: Data, kind: 'CROSS_PROVINCE_AGREEMENT' | 'CROSS_REGION_MECHANISM'): Printed => {
  const list = data.crossRegion?.partners;
  if (!list) return null;
  const names = list
    .filter((p) => p.kind === kind)
    .sort((a, b) => a.since.localeCompare(b.since))
    .map((p) => p.name);
  return names.length ? enumeration(names) : null;
};

const flow = (data: Data, name: 'LOCAL_AGGREGATED' | 'PROVINCE_RETURNED' | 'SHARED_TO_DEPARTMENTS' | 'SHARED_TO_COUNTIES') =>
  data.dataFlows?.find((f) => f.flow === name)?.records;

/** Applies a formatter only to a value that is there: null and undefined stay missing. */
function when<T>(value: T | null | undefined, print: (value: T) => string): Printed {
  return value === null || value === undefined ? null : print(value);
}

export const FIGURES = [
  // --- service reform and halls ----------------------------------------------------------------
  {
    key: 'powerList.cityItems',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市级权责清单事项',
    print: (d) => when(d.powerList?.entriesByLevel.find((e) => e.level === 'CITY')?.entries, (n) => count(n, '项')),
  },
  {
    key: 'powerList.levels',
    domain: 'reform',
    subgraph: 'service-items',
    label: '权责清单层级',
    print: (d) =>
      when(d.powerList?.levels, (levels) =>
        levels.length ? `${levels.map((l) => LEVEL_NAMES[l]).join('、')}${smallCount(levels.length, '级')}` : '',
      ) || null,
  },
  {
    key: 'delegation.toCountyFirstBatch',
    domain: 'reform',
    subgraph: 'service-items',
    label: '首批向县（市、区）下放事项',
    print: (d) =>
      when(
        d.delegationBatches?.find((b) => b.number === 1 && b.fromLevel === 'CITY' && b.toLevel === 'COUNTY')?.entries,
        (n) => count(n, '项'),
      ),
  },
  {
    key: 'delegation.toTownshipBatches',
    domain: 'reform',
    subgraph: 'service-items',
    label: '向镇街下放批次',
    print: (d) => {
      const batches = d.delegationBatches?.filter((b) => b.toLevel === 'TOWNSHIP');
      return batches?.length ? smallCount(batches.length, '批') : null;
    },
  },
  {
    key: 'delegation.toTownships',
    domain: 'reform',
    subgraph: 'service-items',
    label: '向镇街下放事项',
    print: (d) => {
      const batches = d.delegationBatches?.filter((b) => b.toLevel === 'TOWNSHIP');
      return batches?.length ? count(batches.reduce((sum, b) => sum + b.entries, 0), '项') : null;
    },
  },
  {
    key: 'online.applyItems',
    domain: 'reform',
    subgraph: 'service-items',
    label: '可网上办理的依申请事项',
    print: (d) => when(d.catalogStatistics?.onlineApplicationItems, (n) => count(n, '项')),
  },
  {
    key: 'online.rate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '网上可办率（全市）',
    print: (d) => when(d.catalogStatistics?.onlineRate, (r) => percent(r, 2)),
  },
  {
    key: 'hall.coverage',
    domain: 'reform',
    subgraph: 'service-items',
    label: '依申请和公共服务事项进驻大厅比例',
    print: (d) => when(d.catalogStatistics?.hallCoverageRate, (r) => percent(r, 2)),
  },
  {
    key: 'center.departments',
    domain: 'reform',
    subgraph: 'service-items',
    label: '进驻市行政服务中心单位',
    print: (d) => when(d.serviceCenter?.stationedDepartments, (n) => count(n, '个')),
  },
  {
    key: 'center.items',
    domain: 'reform',
    subgraph: 'service-items',
    label: '进驻市行政服务中心事项',
    print: (d) => when(d.serviceCenter?.stationedItems, (n) => count(n, '项')),
  },
  {
    key: 'center.transactions',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市行政服务中心年度办件',
    print: (d) => when(d.serviceCenter?.applications.handled, (n) => large(n, { unit: '万', step: 1e4, more: '余' }, '件')),
  },
  {
    key: 'center.completionRate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市行政服务中心办结率',
    print: (d) => when(d.serviceCenter?.applications.completionRate, (r) => percent(r, 2)),
  },
  {
    key: 'center.satisfaction',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市行政服务中心群众满意率',
    print: (d) => when(d.serviceCenter?.applications.satisfactionRate, (r) => percent(r, 1)),
  },
  {
    key: 'license.timeReduction',
    domain: 'reform',
    subgraph: 'service-items',
    label: '行政许可办理时限压缩率（全市）',
    print: (d) => when(d.catalogStatistics?.licences.timeReductionRate, (r) => percent(r, 2)),
  },
  {
    key: 'license.visitRate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '行政许可跑动率（全市）',
    print: (d) => when(d.catalogStatistics?.licences.visitRate, (v) => decimal(v, 4)),
  },
  {
    key: 'cityLicense.oneWindowRate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市本级行政许可一窗受理率',
    print: (d) => when(d.catalogStatistics?.cityLevelLicences.oneWindowRate, (r) => percent(r, 2)),
  },
  {
    key: 'cityLicense.instantRate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市本级行政许可即办率',
    print: (d) => when(d.catalogStatistics?.cityLevelLicences.instantRate, (r) => percent(r, 2)),
  },
  {
    key: 'cityLicense.onlineRate',
    domain: 'reform',
    subgraph: 'service-items',
    label: '市本级行政许可网上可办率',
    print: (d) => when(d.catalogStatistics?.cityLevelLicences.onlineRate, (r) => percent(r, 2)),
  },

  // --- e-certificates --------------------------------------------------------------------------
  {
    key: 'certificates.departments',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '接入电子证照系统的市级部门',
    print: (d) => when(d.certificateStatistics?.onboardedDepartments, (n) => count(n, '个')),
  },
  {
    key: 'certificates.catalogTypes',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '市级发证清单证照种类',
    print: (d) => when(d.certificateStatistics?.catalogTypes, (n) => count(n, '种')),
  },
  {
    key: 'certificates.serviceEnabledTypes',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '已开通发证服务种类',
    print: (d) => when(d.certificateStatistics?.serviceEnabledTypes, (n) => count(n, '种')),
  },
  {
    key: 'certificates.issuedTypes',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '已签发电子证照种类',
    print: (d) => when(d.certificateStatistics?.issuedTypes, (n) => count(n, '种')),
  },
  {
    key: 'certificates.ingestionRate',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '电子证照入库率',
    print: (d) => when(d.certificateStatistics?.ingestionRate, (r) => percent(r, 0)),
  },
  {
    key: 'certificates.issuedTotal',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '累计签发电子证照',
    print: (d) => when(d.certificateStatistics?.issuedTotal, (n) => large(n, { unit: '万', step: 1e3 }, '张')),
  },
  {
    key: 'certificates.itemsStationed',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '接入电子证照系统的事项',
    print: (d) => when(d.certificateStatistics?.stationedItems, (n) => count(n, '项')),
  },
  {
    key: 'certificates.itemsUsingCertificates',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '可使用电子证照的事项',
    print: (d) => when(d.certificateStatistics?.itemsUsingCertificates, (n) => count(n, '项')),
  },
  {
    key: 'certificates.usageRate',
    domain: 'certificates',
    subgraph: 'certificates',
    label: '用证率',
    print: (d) => when(d.certificateStatistics?.usageRate, (r) => percent(r, 0)),
  },

  // --- service efficiency: platform, kiosks, cross-region, rating, hotline, channels ------------
  {
    key: 'platform.townships',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '统一申办受理平台覆盖镇（街）',
    print: (d) => when(d.platformCoverage?.townships, (n) => count(n, '个')),
  },
  {
    key: 'platform.villages',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '统一申办受理平台覆盖村（居）',
    print: (d) => when(d.platformCoverage?.villages, (n) => count(n, '个')),
  },
  {
    key: 'platform.items',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '统一申办受理平台可审批事项',
    print: (d) => when(d.platformCoverage?.approvableItems, (n) => count(n, '项')),
  },
  {
    key: 'kiosks.total',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤智助”政府服务自助机',
    print: (d) => when(d.platformCoverage?.kiosks, (n) => count(n, '台')),
  },
  {
    key: 'crossRegion.withinCity',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '市内通办事项',
    print: (d) => when(d.crossRegion?.withinCityItems, (n) => count(n, '项')),
  },
  {
    key: 'crossRegion.provinceAgreements',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '签订跨省通办协议的城市',
    print: (d) => partners(d, 'CROSS_PROVINCE_AGREEMENT'),
  },
  {
    key: 'crossRegion.mechanisms',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '建立跨域通办机制的城市',
    print: (d) => partners(d, 'CROSS_REGION_MECHANISM'),
  },
  {
    key: 'crossRegion.outboundItems',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '本市事项省外可办',
    print: (d) => when(d.crossRegion?.outboundItems, (n) => count(n, '项')),
  },
  {
    key: 'crossRegion.inboundItems',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '省外事项在湛可办',
    print: (d) => when(d.crossRegion?.inboundItems, (n) => count(n, '项')),
  },
  {
    key: 'crossRegion.guangzhouWindow',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '广州办事专窗可办事项',
    print: (d) => when(d.crossRegion?.guangzhouWindowItems, (n) => count(n, '项')),
  },
  {
    key: 'rating.hallCoverage',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '建立“好差评”机制的大厅比例',
    print: (d) => {
      const halls = d.serviceHalls;
      if (!halls?.length) return null;
      return percent(halls.filter((h) => h.ratingEnabled).length / halls.length, 2);
    },
  },
  {
    key: 'hotline.mergedHotlines',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '归并入12345的热线',
    print: (d) => when(d.mergedHotlines?.length, (n) => count(n, '条')),
  },
  {
    key: 'hotline.calls',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345受理群众诉求',
    print: (d) => when(d.hotlineStatistics?.received, (n) => large(n, { unit: '万', step: 1e3 }, '宗')),
  },
  {
    key: 'hotline.directReplies',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345直接答复',
    print: (d) => when(d.hotlineStatistics?.directReplies, (n) => large(n, { unit: '万', step: 1e3 }, '宗')),
  },
  {
    key: 'hotline.dispatched',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345转派工单',
    print: (d) => when(d.hotlineStatistics?.dispatched, (n) => large(n, { unit: '万', step: 1e3 }, '宗')),
  },
  {
    key: 'hotline.replyRate',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345回复率',
    print: (d) => when(d.hotlineStatistics?.replyRate, (r) => percent(r, 2)),
  },
  {
    key: 'hotline.completionRate',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345办结率',
    print: (d) => when(d.hotlineStatistics?.completionRate, (r) => percent(r, 2)),
  },
  {
    key: 'hotline.satisfactionRate',
    domain: 'efficiency',
    subgraph: 'hotline',
    label: '12345满意率',
    print: (d) => when(d.hotlineStatistics?.satisfactionRate, (r) => percent(r, 2)),
  },
  {
    key: 'channels.yueshengshi.items',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤省事”湛江服务事项',
    print: (d) => when(channel(d, 'YUESHENGSHI')?.items, (n) => count(n, '项')),
  },
  {
    key: 'channels.yueshengshi.certBusinesses',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤省事”关联电子证照业务',
    print: (d) => when(channel(d, 'YUESHENGSHI')?.certificateBusinesses, (n) => count(n, '种')),
  },
  {
    key: 'channels.yueshengshi.users',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤省事”实名注册用户',
    print: (d) =>
      when(channel(d, 'YUESHENGSHI')?.registeredUsers, (n) => large(n, { unit: '万', step: 1e3, more: '超过' }, '人')),
  },
  {
    key: 'channels.yueshangtong.items',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤商通”湛江专区可办事项',
    print: (d) => when(channel(d, 'YUESHANGTONG')?.items, (n) => count(n, '项')),
  },
  {
    key: 'channels.yueshangtong.domainCount',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤商通”覆盖服务领域数',
    print: (d) => {
      const domains = channel(d, 'YUESHANGTONG')?.serviceDomains;
      return domains?.length ? `${smallCount(domains.length, '大')}领域` : null;
    },
  },
  {
    key: 'channels.yueshangtong.domains',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤商通”覆盖服务领域',
    print: (d) => {
      const domains = channel(d, 'YUESHANGTONG')?.serviceDomains;
      return domains?.length ? enumeration(domains) : null;
    },
  },
  {
    key: 'channels.yueshangtong.entities',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤商通”注册市场主体',
    print: (d) => when(channel(d, 'YUESHANGTONG')?.registeredEntities, (n) => large(n, { unit: '万', step: 1e3 }, '户')),
  },
  {
    key: 'channels.yueshangtong.rate',
    domain: 'efficiency',
    subgraph: 'service-items',
    label: '“粤商通”市场主体注册率',
    print: (d) => when(channel(d, 'YUESHANGTONG')?.entityRegistrationRate, (r) => percent(r, 1)),
  },

  // --- digital-government infrastructure and data ----------------------------------------------
  {
    key: 'cloud.expansions',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '政务云年度扩容升级',
    print: (d) => when(d.capacityExpansions?.length, (n) => smallCount(n, '次')),
  },
  {
    key: 'cloud.capacity.vcpu',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '政务云VCPU',
    print: (d) => when(d.cloudCapacity?.total.vcpu, (n) => count(n, '核')),
  },
  {
    key: 'cloud.capacity.memoryGb',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '政务云内存',
    print: (d) => when(d.cloudCapacity?.total.memoryGb, (n) => count(n, 'GB')),
  },
  {
    key: 'cloud.capacity.storageTb',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '政务云存储',
    print: (d) => when(d.cloudCapacity?.total.storageTb, (n) => count(n, 'TB')),
  },
  {
    key: 'cloud.tenants.departments',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '使用政务云的部门',
    print: (d) => when(d.cloudTenancy?.departments, (n) => count(n, '个')),
  },
  {
    key: 'cloud.tenants.systems',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '获得云资源的业务系统',
    print: (d) => when(d.cloudTenancy?.systems, (n) => count(n, '个')),
  },
  {
    key: 'inventory.informationSystems',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '政务信息系统清单',
    print: (d) => when(d.dataInventory?.informationSystems, (n) => count(n, '个')),
  },
  {
    key: 'inventory.dataCatalogs',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '数据资源目录',
    print: (d) => when(d.dataInventory?.dataCatalogs, (n) => count(n, '类')),
  },
  {
    key: 'inventory.demandCatalogs',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '数据需求目录',
    print: (d) => when(d.dataInventory?.demandCatalogs, (n) => count(n, '个')),
  },
  {
    key: 'experts',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '数字政府专家库专家',
    print: (d) => when(d.dataInventory?.experts, (n) => count(n, '名')),
  },
  {
    key: 'data.localRecords',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '汇聚本地数据',
    print: (d) => when(flow(d, 'LOCAL_AGGREGATED'), (n) => large(n, { unit: '亿', step: 1e7 }, '条')),
  },
  {
    key: 'data.provinceReturned',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '省回流数据',
    print: (d) => when(flow(d, 'PROVINCE_RETURNED'), (n) => large(n, { unit: '万', step: 1e4 }, '条')),
  },
  {
    key: 'data.itemLinkRate',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '事项数据编制挂接率',
    print: (d) => when(d.dataInventory?.itemLinkRate, (r) => percent(r, 2)),
  },
  {
    key: 'data.sharedToDepartments',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '向市直部门共享数据',
    print: (d) => when(flow(d, 'SHARED_TO_DEPARTMENTS'), (n) => large(n, { unit: '万', step: 1e5 }, '条')),
  },
  {
    key: 'data.sharedToCounties',
    domain: 'infrastructure',
    subgraph: 'cloud',
    label: '向各区县共享数据',
    print: (d) => when(flow(d, 'SHARED_TO_COUNTIES'), (n) => large(n, { unit: '万', step: 1e4 }, '条')),
  },
] as const satisfies readonly FigureDefinition[];

export type FigureKey = (typeof FIGURES)[number]['key'];

export interface PrintedFigure {
  key: FigureKey;
  domain: Domain;
  label: string;
  subgraph: SubgraphName;
  /** The figure as the report prints it, or null when it is unavailable. */
  text: string | null;
  /** Why it is unavailable, for the warning on stderr. */
  reason?: string;
}

/** Prints every figure from a result, each either in the report's form or marked unavailable. */
export function printFigures(data: Data, unavailable: readonly SubgraphName[]): Map<FigureKey, PrintedFigure> {
  const printed = new Map<FigureKey, PrintedFigure>();
  for (const figure of FIGURES as readonly FigureDefinition[]) {
    const base = { key: figure.key as FigureKey, domain: figure.domain, label: figure.label, subgraph: figure.subgraph };
    if (unavailable.includes(figure.subgraph)) {
      printed.set(base.key, { ...base, text: null, reason: `the ${figure.subgraph} subgraph is unavailable` });
      continue;
    }
    try {
      const text = figure.print(data);
      printed.set(base.key, text ? { ...base, text } : { ...base, text: null, reason: 'the graph returned no value for it' });
    } catch (error) {
      // A value the formatting rules refuse is not printed at all.
      const message = error instanceof Error ? error.message : String(error);
      printed.set(base.key, { ...base, text: null, reason: `the graph returned a value that cannot be printed (${message})` });
    }
  }
  return printed;
}
