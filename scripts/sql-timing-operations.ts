/**
 * The statistic operations `npm run bench:sql` times, per subgraph: every statistic a dashboard,
 * the report or the scorecard asks a subgraph for, over the full 2021 year. Entity fields are
 * asked the way the gateway asks them, through `_entities`, for every city department at once.
 */
import { COUNTIES, directory } from '@govgraph/core';
import type { SubgraphName } from '@govgraph/core';

export interface TimedOperation {
  /** A short name for the table: what the statistic is. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const YEAR = { from: '2021-01-01', to: '2021-12-31' };
/** A range that starts and ends mid-month, so day rows (or orders) answer its ends. */
const MID_MONTH = { from: '2021-01-15', to: '2021-12-15' };

const dir = directory();
const cityDepartments = dir.departments.filter((d) => d.level === 'CITY').map((code) => ({ __typename: 'Department', code: code.code }));
const countyCodes = COUNTIES.map((c) => c.code);
const townshipCodes = dir.regions.filter((r) => r.level === 'TOWNSHIP').map((r) => r.code);
const someItems = dir.items.slice(0, 300).map((i) => ({ __typename: 'ServiceItem', code: i.code }));

const HOTLINE_FIELDS = 'received directReplies dispatched replied completed rated satisfied replyRate completionRate satisfactionRate medianHandlingHours';

function breakdown(by: string, filter: Record<string, unknown> = YEAR): TimedOperation {
  const scope = filter === YEAR ? '' : filter === MID_MONTH ? ', mid-month range' : ', filtered';
  return {
    name: `hotlineBreakdown by ${by}${scope}`,
    query: `query ($filter: HotlineFilter!) { hotlineBreakdown(filter: $filter, by: ${by}) { key statistics { ${HOTLINE_FIELDS} } } }`,
    variables: { filter },
  };
}

function trend(granularity: string): TimedOperation {
  return {
    name: `hotlineTrend by ${granularity}`,
    query: `query ($filter: HotlineFilter!) { hotlineTrend(filter: $filter, granularity: ${granularity}) { period statistics { ${HOTLINE_FIELDS} } } }`,
    variables: { filter: YEAR },
  };
}

function entities(name: string, fields: string, representations: unknown[]): TimedOperation {
  return {
    name,
    query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fields} } }`,
    variables: { representations },
  };
}

const hotline: TimedOperation[] = [
  {
    name: 'hotlineStatistics (whole year)',
    query: `query ($filter: HotlineFilter!) { hotlineStatistics(filter: $filter) { ${HOTLINE_FIELDS} } }`,
    variables: { filter: YEAR },
  },
  ...['COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'CATEGORY', 'CHANNEL'].map((by) => breakdown(by)),
  breakdown('COUNTY', MID_MONTH),
  breakdown('CATEGORY', { ...YEAR, regionCode: countyCodes[0] }),
  ...['MONTH', 'QUARTER', 'DAY'].map(trend),
  entities(
    'Department.hotlineStatistics, 68 city departments',
    `... on Department { code hotlineStatistics(from: "${YEAR.from}", to: "${YEAR.to}") { ${HOTLINE_FIELDS} } }`,
    cityDepartments,
  ),
  entities(
    'Region.hotlineStatistics, city + counties + townships',
    `... on Region { code hotlineStatistics(from: "${YEAR.from}", to: "${YEAR.to}") { ${HOTLINE_FIELDS} } }`,
    ['440800', ...countyCodes, ...townshipCodes].map((code) => ({ __typename: 'Region', code })),
  ),
  entities(
    'ServiceItem.hotlineStatistics, 300 items',
    `... on ServiceItem { code hotlineStatistics(from: "${YEAR.from}", to: "${YEAR.to}") { received satisfactionRate } }`,
    someItems,
  ),
];

const serviceItems: TimedOperation[] = [
  {
    name: 'serviceCenter applications (whole year)',
    query: `query ($from: Date!, $to: Date!) { serviceCenter(from: $from, to: $to) { stationedDepartments stationedItems applications { handled completed completionRate rated satisfied satisfactionRate } } }`,
    variables: YEAR,
  },
  {
    name: 'applicationStatistics by channel ONLINE',
    query: `query ($filter: ApplicationFilter!) { applicationStatistics(filter: $filter) { handled completionRate satisfactionRate } }`,
    variables: { filter: { ...YEAR, channel: 'ONLINE' } },
  },
  {
    name: 'applicationStatistics of one department',
    query: `query ($filter: ApplicationFilter!) { applicationStatistics(filter: $filter) { handled completionRate satisfactionRate } }`,
    variables: { filter: { ...YEAR, departmentCode: cityDepartments[0]!.code } },
  },
  entities(
    'Department item + application statistics, 68 city departments',
    `... on Department { code itemStatistics(asOf: "2021-12-31") { total applicationBased onlineAvailable onlineRate } applicationStatistics(from: "${YEAR.from}", to: "${YEAR.to}") { handled completionRate satisfactionRate } }`,
    cityDepartments,
  ),
  entities(
    'Department.serviceItems first 2, 68 city departments',
    `... on Department { code serviceItems(first: 2) { totalCount edges { node { code name } } } }`,
    cityDepartments,
  ),
  {
    name: 'departments(level: CITY) page of 100',
    query: `{ departments(level: CITY, first: 100) { totalCount edges { node { code name } } } }`,
  },
  {
    name: 'catalogStatistics',
    query: `{ catalogStatistics(asOf: "2021-12-31") { applicationBasedItems onlineRate hallCoverageRate licences { items timeReductionRate } cityLevelLicences { items onlineRate } } }`,
  },
  {
    name: 'serviceItems search (filtered page)',
    query: `{ serviceItems(filter: { nameContains: "登记", level: CITY, onlineAvailable: true }, first: 20) { totalCount edges { node { code name } } } }`,
  },
  {
    name: 'platformCoverage + crossRegion + powerList',
    query: `{ platformCoverage(asOf: "2021-12-31") { townships villages kiosks } crossRegion(asOf: "2021-12-31") { withinCityItems outboundItems } powerList(asOf: "2021-12-31") { entriesByLevel { level entries } } }`,
  },
];

const certificates: TimedOperation[] = [
  {
    name: 'certificateStatistics',
    query: `{ certificateStatistics(asOf: "2021-12-31") { onboardedDepartments catalogTypes issuedTypes issuedTotal itemsUsingCertificates usageRate } }`,
  },
  {
    name: 'issuanceStatistics (whole year)',
    query: `query ($filter: IssuanceFilter!) { issuanceStatistics(filter: $filter) { issued types } }`,
    variables: { filter: YEAR },
  },
  {
    name: 'issuanceTrend by DAY',
    query: `query ($filter: IssuanceFilter!) { issuanceTrend(filter: $filter, granularity: DAY) { period issued } }`,
    variables: { filter: YEAR },
  },
  {
    name: 'issuanceStatistics, mid-month range',
    query: `query ($filter: IssuanceFilter!) { issuanceStatistics(filter: $filter) { issued types } }`,
    variables: { filter: MID_MONTH },
  },
  {
    name: 'issuanceTrend by MONTH, 公安局, mid-month range',
    query: `query ($filter: IssuanceFilter!) { issuanceTrend(filter: $filter, granularity: MONTH) { period issued } }`,
    // The police bureau issues the household registers and ID cards: one of the busiest.
    variables: { filter: { ...MID_MONTH, departmentCode: dir.departments.find((d) => d.name === '湛江市公安局')!.code } },
  },
  entities(
    'Department.certificatesIssued, 68 city departments',
    `... on Department { code onboardedToCertificateSystem certificatesIssued(from: "${YEAR.from}", to: "${YEAR.to}") }`,
    cityDepartments,
  ),
];

const cloud: TimedOperation[] = [
  {
    name: 'cloudCapacity + cloudTenancy + dataInventory',
    query: `{ cloudCapacity(asOf: "2021-12-31") { total { vcpu } allocated { vcpu } expansions } cloudTenancy(asOf: "2021-12-31") { departments systems } dataInventory(asOf: "2021-12-31") { informationSystems dataCatalogs } }`,
  },
  {
    name: 'dataFlows (whole year)',
    query: `query ($from: Date!, $to: Date!) { dataFlows(from: $from, to: $to) { flow records } }`,
    variables: YEAR,
  },
  entities(
    'Department.cloudAllocation, 68 city departments',
    `... on Department { code cloudAllocation { vcpu memoryGb storageTb } businessSystems { id } }`,
    cityDepartments,
  ),
];

export const TIMED_OPERATIONS: Record<SubgraphName, TimedOperation[]> = {
  'service-items': serviceItems,
  certificates,
  cloud,
  hotline,
};
