/**
 * The report's text: one section per domain, each a few sentences written for this project, with
 * every figure of the year in the report's printed form. Renderers (Markdown, HTML, DOCX) walk the
 * same model, so the three formats say exactly the same thing.
 */
import type { AnnualReportQuery } from './__generated__/graphql.js';
import { chartData, type ChartData } from './chart-data.js';
import type { FetchedFigures, SubgraphName } from './client.js';
import { DOMAIN_TITLES, FIGURES, printFigures, type Domain, type FigureKey, type PrintedFigure } from './figures.js';

export type Segment = { text: string } | { figure: FigureKey };
export type Paragraph = Segment[];

export interface Section {
  domain: Domain;
  heading: string;
  paragraphs: Paragraph[];
}

export interface KeyFigureGroup {
  domain: Domain;
  title: string;
  rows: PrintedFigure[];
}

export interface ReportModel {
  year: number;
  asOf: string;
  title: string;
  /** The opening note: where the figures come from and how they are written. */
  preface: Paragraph[];
  sections: Section[];
  keyFigures: KeyFigureGroup[];
  figures: Map<FigureKey, PrintedFigure>;
  charts: ChartData;
  /** Subgraphs that were down: their figures and charts are marked unavailable. */
  unavailable: SubgraphName[];
  /** One line each, for stderr: what is missing and why. */
  warnings: string[];
}

/**
 * A paragraph from a template literal whose placeholders are figure keys:
 * p`共受理${'hotline.calls'}` → [{ text: '共受理' }, { figure: 'hotline.calls' }].
 */
function p(strings: TemplateStringsArray, ...keys: FigureKey[]): Paragraph {
  const paragraph: Paragraph = [];
  strings.forEach((text, i) => {
    if (text) paragraph.push({ text });
    const key = keys[i];
    if (key !== undefined) paragraph.push({ figure: key });
  });
  return paragraph;
}

const text = (value: string): Paragraph => [{ text: value }];

const CHINESE_SECTION_NUMBERS = ['一', '二', '三', '四'];

/** The body of the report, in the project's own words. */
function sectionBodies(): Record<Domain, Paragraph[]> {
  return {
    reform: [
      p`清单管理。截至年底，本市梳理形成的市级权责清单共有事项${'powerList.cityItems'}，并按${'powerList.levels'}建立起权责清单体系，随职能调整动态维护。`,
      p`职权下放。市直部门首批向县（市、区）下放行政审批和管理职权${'delegation.toCountyFirstBatch'}；各县（市、区）又分${'delegation.toTownshipBatches'}将综合行政执法事项下放到镇街，合计${'delegation.toTownships'}。`,
      p`网上办与集中办。在全市依申请政务服务事项中，可以在网上办理的达到${'online.applyItems'}，占比${'online.rate'}；依申请和公共服务两类事项进驻政务服务大厅的比例为${'hall.coverage'}。在市行政服务中心，设有窗口的单位${'center.departments'}，可办理事项${'center.items'}；本年度中心共受理办件${'center.transactions'}，其中办结的比例为${'center.completionRate'}，办事群众给出满意评价的占${'center.satisfaction'}。`,
      p`减时限、减跑动。全市行政许可事项的承诺办理时限合计比法定时限压缩了${'license.timeReduction'}，平均每件许可事项需要申请人到现场${'license.visitRate'}次（跑动率）。市本级行政许可事项中，实行一窗受理的比例为${'cityLicense.oneWindowRate'}，属即办件的占${'cityLicense.instantRate'}，可在网上办理的占${'cityLicense.onlineRate'}。`,
    ],
    certificates: [
      p`接入与签发。市电子证照系统已接入市级部门${'certificates.departments'}。列入市级发证清单的证照共${'certificates.catalogTypes'}，其中已开通发证服务的${'certificates.serviceEnabledTypes'}，已有签发记录的${'certificates.issuedTypes'}，入库率为${'certificates.ingestionRate'}；系统中已签发的电子证照累计达${'certificates.issuedTotal'}。`,
      p`用证情况。接入电子证照系统的事项共${'certificates.itemsStationed'}，其中已能直接使用电子证照办理的${'certificates.itemsUsingCertificates'}，用证率为${'certificates.usageRate'}。`,
    ],
    efficiency: [
      p`基层办事平台。市统一申办受理平台已延伸至${'platform.townships'}镇（街）和${'platform.villages'}村（居），经平台可审批的各级事项共${'platform.items'}。布放在各镇街和行政村的“粤智助”政府服务自助机共有${'kiosks.total'}，方便群众就近自助办理。`,
      p`跨域通办。可在全市任一窗口通办的事项有${'crossRegion.withinCity'}。本市与${'crossRegion.provinceAgreements'}签订了跨省通办合作协议；同时与${'crossRegion.mechanisms'}建立了跨域通办合作机制。在省外可以办理的本市事项达${'crossRegion.outboundItems'}，在湛江可以办理的外省事项达${'crossRegion.inboundItems'}；设在广州的办事专窗可办理事项${'crossRegion.guangzhouWindow'}。`,
      p`“好差评”与12345热线。全市政务服务大厅建立“好差评”机制的比例为${'rating.hallCoverage'}。12345政务服务便民热线已将原有的${'hotline.mergedHotlines'}热线并入其中，本年度共受理群众诉求${'hotline.calls'}，其中由热线直接答复${'hotline.directReplies'}，转交承办部门的工单${'hotline.dispatched'}；诉求回复率为${'hotline.replyRate'}，办结率为${'hotline.completionRate'}，群众满意率为${'hotline.satisfactionRate'}。`,
      p`“粤系列”平台。“粤省事”平台提供的湛江服务事项共${'channels.yueshengshi.items'}，可关联使用的电子证照业务有${'channels.yueshengshi.certBusinesses'}，本市在该平台完成实名注册的用户${'channels.yueshengshi.users'}。在“粤商通”的湛江专区，可以办理的事项有${'channels.yueshangtong.items'}，服务范围包括${'channels.yueshangtong.domains'}等${'channels.yueshangtong.domainCount'}；在“粤商通”注册的本市市场主体${'channels.yueshangtong.entities'}；按全市市场主体计，注册率为${'channels.yueshangtong.rate'}。`,
    ],
    infrastructure: [
      p`政务云。政务云湛江节点本年度完成扩容升级${'cloud.expansions'}，扩容后的总容量为${'cloud.capacity.vcpu'}VCPU、${'cloud.capacity.memoryGb'}内存和${'cloud.capacity.storageTb'}存储；云资源已分配给${'cloud.tenants.departments'}部门的${'cloud.tenants.systems'}业务系统使用。`,
      p`数据资源普查。全市已登记政务信息系统${'inventory.informationSystems'}、数据资源目录${'inventory.dataCatalogs'}和数据需求目录${'inventory.demandCatalogs'}。数字政府建设专家库已遴选专家${'experts'}。`,
      p`数据汇聚与共享。省政务大数据中心湛江分节点本年度从本地各系统汇集数据${'data.localRecords'}，从省级平台接收回流数据${'data.provinceReturned'}；政务服务事项的数据编制挂接率为${'data.itemLinkRate'}。本年度分别向市直部门和各区县提供共享数据${'data.sharedToDepartments'}和${'data.sharedToCounties'}。`,
    ],
  };
}

const DOMAINS: Domain[] = ['reform', 'certificates', 'efficiency', 'infrastructure'];

/** Every figure key a section's text refers to, in order. */
export function figureKeysOf(paragraphs: readonly Paragraph[]): FigureKey[] {
  return paragraphs.flatMap((paragraph) => paragraph.flatMap((s) => ('figure' in s ? [s.figure] : [])));
}

/** Builds the report from what the gateway answered. */
export function buildReport(fetched: Pick<FetchedFigures, 'year' | 'data' | 'unavailable' | 'errors'>): ReportModel {
  const { year } = fetched;
  const asOf = `${year}-12-31`;
  const data: AnnualReportQuery = fetched.data;
  const figures = printFigures(data, fetched.unavailable);
  const bodies = sectionBodies();

  const sections: Section[] = DOMAINS.map((domain, i) => ({
    domain,
    heading: `${CHINESE_SECTION_NUMBERS[i]}、${DOMAIN_TITLES[domain]}`,
    paragraphs: bodies[domain],
  }));

  const keyFigures: KeyFigureGroup[] = DOMAINS.map((domain) => ({
    domain,
    title: DOMAIN_TITLES[domain],
    rows: FIGURES.filter((f) => f.domain === domain).map((f) => figures.get(f.key)!),
  }));

  const warnings: string[] = [];
  for (const name of fetched.unavailable) {
    warnings.push(`warning: the ${name} subgraph is unavailable; its figures are marked as unavailable in the report`);
  }
  for (const error of fetched.errors) {
    const code = error.extensions?.code;
    warnings.push(`warning: the gateway reported: ${error.message.replace(/\s*\n\s*/g, ' ')}${typeof code === 'string' ? ` [${code}]` : ''}`);
  }
  for (const figure of figures.values()) {
    if (figure.text === null) warnings.push(`warning: ${figure.label} (${figure.key}) is unavailable: ${figure.reason ?? 'no value'}`);
  }

  const charts = chartData(data, asOf);
  const chartNames: [keyof ChartData, string][] = [
    ['hotlineByMonth', '12345 work orders by month'],
    ['itemsByCounty', 'service items by county'],
    ['cloudByDepartment', 'cloud allocation by department'],
  ];
  for (const [key, name] of chartNames) {
    if (charts[key] === null) warnings.push(`warning: the chart of ${name} is unavailable`);
  }
  const systems = data.businessSystems;
  if (systems && systems.totalCount > systems.edges.length) {
    warnings.push(
      `warning: the cloud chart covers the first ${systems.edges.length} of ${systems.totalCount} business systems`,
    );
  }

  const preface = [
    text(
      `本报告由 GovGraph 根据截至${year}年12月31日的数据自动生成，各项数字取自政务服务事项、电子证照、政务云和12345热线四个业务系统。` +
        '数字后带“多”“余”或前带“超过”的，表示实际数值略大于所写数值；比率按四舍五入书写。',
    ),
  ];
  if (fetched.unavailable.length > 0 || [...figures.values()].some((f) => f.text === null)) {
    preface.push(text('部分业务系统在生成时未能提供数据，相关数字以“（数据暂缺）”标出，待数据恢复后重新生成即可补全。'));
  }

  return {
    year,
    asOf,
    title: `湛江市政务服务和数据管理${year}年度工作数据报告`,
    preface,
    sections,
    keyFigures,
    figures,
    charts,
    unavailable: [...fetched.unavailable],
    warnings,
  };
}
