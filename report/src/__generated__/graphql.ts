/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Administrative level of a department, item, list or hall (层级). */
export type AdministrativeLevel =
  /** City level (市级). */
  | 'CITY'
  /** County, county-level city or district level (县级). */
  | 'COUNTY'
  /** Township or street level (镇街级). */
  | 'TOWNSHIP';

/** A flow of records through the data platform (数据流向). */
export type DataFlow =
  /** Aggregated from local systems (汇聚本地数据). */
  | 'LOCAL_AGGREGATED'
  /** Returned by the provincial platform (省回流数据). */
  | 'PROVINCE_RETURNED'
  /** Shared to counties and districts (向各区县共享). */
  | 'SHARED_TO_COUNTIES'
  /** Shared to city departments (向市直部门共享). */
  | 'SHARED_TO_DEPARTMENTS';

/** How a partner city cooperates (合作方式). */
export type PartnershipKind =
  /** A signed cross-province agreement (跨省通办合作协议). */
  | 'CROSS_PROVINCE_AGREEMENT'
  /** A cross-region cooperation mechanism (跨域通办合作机制). */
  | 'CROSS_REGION_MECHANISM';

/** A provincial online channel (粤系列平台). */
export type ServiceChannelCode =
  /** The business app 粤商通. */
  | 'YUESHANGTONG'
  /** The citizen app 粤省事. */
  | 'YUESHENGSHI';

export type AnnualReportQueryVariables = Exact<{
  asOf: string;
  from: string;
  to: string;
  year: number;
  serviceItems?: boolean;
  certificates?: boolean;
  cloud?: boolean;
  hotline?: boolean;
}>;


export type AnnualReportQuery = { powerList?: { levels: Array<AdministrativeLevel>, entriesByLevel: Array<{ level: AdministrativeLevel, entries: number }> } | null, delegationBatches?: Array<{ number: number, fromLevel: AdministrativeLevel, toLevel: AdministrativeLevel, entries: number }> | null, catalogStatistics?: { applicationBasedItems: number, onlineApplicationItems: number, onlineRate: number, hallCoverageRate: number, platformApprovableItems: number, licences: { timeReductionRate: number, visitRate: number }, cityLevelLicences: { oneWindowRate: number, instantRate: number, onlineRate: number } } | null, serviceCenter?: { stationedDepartments: number, stationedItems: number, applications: { handled: number, completionRate: number | null, satisfactionRate: number | null } } | null, platformCoverage?: { townships: number, villages: number, approvableItems: number, kiosks: number } | null, crossRegion?: { withinCityItems: number, outboundItems: number, inboundItems: number, guangzhouWindowItems: number, partners: Array<{ name: string, kind: PartnershipKind, since: string }> } | null, serviceHalls?: Array<{ code: string, ratingEnabled: boolean }> | null, serviceChannels?: Array<{ code: ServiceChannelCode, items: number, certificateBusinesses: number | null, registeredUsers: number | null, serviceDomains: Array<string>, registeredEntities: number | null, entityRegistrationRate: number | null }> | null, counties?: { edges: Array<{ node: { code: string, name: string } }> } | null, items440802?: { totalCount: number } | null, items440803?: { totalCount: number } | null, items440804?: { totalCount: number } | null, items440811?: { totalCount: number } | null, items440823?: { totalCount: number } | null, items440825?: { totalCount: number } | null, items440881?: { totalCount: number } | null, items440882?: { totalCount: number } | null, items440883?: { totalCount: number } | null, certificateStatistics?: { onboardedDepartments: number, catalogTypes: number, serviceEnabledTypes: number, issuedTypes: number, ingestionRate: number, issuedTotal: number, stationedItems: number, itemsUsingCertificates: number, usageRate: number } | null, capacityExpansions?: Array<{ completedOn: string }> | null, cloudCapacity?: { total: { vcpu: number, memoryGb: number, storageTb: number } } | null, cloudTenancy?: { departments: number, systems: number } | null, dataInventory?: { informationSystems: number, dataCatalogs: number, demandCatalogs: number, experts: number, itemLinkRate: number } | null, dataFlows?: Array<{ flow: DataFlow, records: number }> | null, businessSystems?: { totalCount: number, edges: Array<{ node: { allocatedOn: string, allocation: { vcpu: number, memoryGb: number, storageTb: number } | null, department: { code: string, shortName?: string } } }> } | null, mergedHotlines?: Array<{ number: string }> | null, hotlineStatistics?: { received: number, directReplies: number, dispatched: number, replyRate: number | null, completionRate: number | null, satisfactionRate: number | null } | null, hotlineTrend?: Array<{ period: string, statistics: { received: number } }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const AnnualReportDocument = new TypedDocumentString(`
    query AnnualReport($asOf: Date!, $from: Date!, $to: Date!, $year: Int!, $serviceItems: Boolean! = true, $certificates: Boolean! = true, $cloud: Boolean! = true, $hotline: Boolean! = true) {
  powerList(asOf: $asOf) @include(if: $serviceItems) {
    levels
    entriesByLevel {
      level
      entries
    }
  }
  delegationBatches(year: $year) @include(if: $serviceItems) {
    number
    fromLevel
    toLevel
    entries
  }
  catalogStatistics(asOf: $asOf) @include(if: $serviceItems) {
    applicationBasedItems
    onlineApplicationItems
    onlineRate
    hallCoverageRate
    platformApprovableItems
    licences {
      timeReductionRate
      visitRate
    }
    cityLevelLicences {
      oneWindowRate
      instantRate
      onlineRate
    }
  }
  serviceCenter(from: $from, to: $to) @include(if: $serviceItems) {
    stationedDepartments
    stationedItems
    applications {
      handled
      completionRate
      satisfactionRate
    }
  }
  platformCoverage(asOf: $asOf) @include(if: $serviceItems) {
    townships
    villages
    approvableItems
    kiosks
  }
  crossRegion(asOf: $asOf) @include(if: $serviceItems) {
    withinCityItems
    outboundItems
    inboundItems
    guangzhouWindowItems
    partners {
      name
      kind
      since
    }
  }
  serviceHalls @include(if: $serviceItems) {
    code
    ratingEnabled
  }
  serviceChannels(year: $year) @include(if: $serviceItems) {
    code
    items
    certificateBusinesses
    registeredUsers
    serviceDomains
    registeredEntities
    entityRegistrationRate
  }
  counties: regions(level: COUNTY, first: 50) @include(if: $serviceItems) {
    edges {
      node {
        code
        name
      }
    }
  }
  items440802: serviceItems(filter: {regionCode: "440802", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440803: serviceItems(filter: {regionCode: "440803", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440804: serviceItems(filter: {regionCode: "440804", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440811: serviceItems(filter: {regionCode: "440811", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440823: serviceItems(filter: {regionCode: "440823", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440825: serviceItems(filter: {regionCode: "440825", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440881: serviceItems(filter: {regionCode: "440881", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440882: serviceItems(filter: {regionCode: "440882", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  items440883: serviceItems(filter: {regionCode: "440883", asOf: $asOf}, first: 1) @include(if: $serviceItems) {
    totalCount
  }
  certificateStatistics(asOf: $asOf) @include(if: $certificates) {
    onboardedDepartments
    catalogTypes
    serviceEnabledTypes
    issuedTypes
    ingestionRate
    issuedTotal
    stationedItems
    itemsUsingCertificates
    usageRate
  }
  capacityExpansions(from: $from, to: $to) @include(if: $cloud) {
    completedOn
  }
  cloudCapacity(asOf: $asOf) @include(if: $cloud) {
    total {
      vcpu
      memoryGb
      storageTb
    }
  }
  cloudTenancy(asOf: $asOf) @include(if: $cloud) {
    departments
    systems
  }
  dataInventory(asOf: $asOf) @include(if: $cloud) {
    informationSystems
    dataCatalogs
    demandCatalogs
    experts
    itemLinkRate
  }
  dataFlows(from: $from, to: $to) @include(if: $cloud) {
    flow
    records
  }
  businessSystems(first: 200) @include(if: $cloud) {
    totalCount
    edges {
      node {
        allocatedOn
        allocation {
          vcpu
          memoryGb
          storageTb
        }
        department {
          code
          shortName @include(if: $serviceItems)
        }
      }
    }
  }
  mergedHotlines @include(if: $hotline) {
    number
  }
  hotlineStatistics(filter: {from: $from, to: $to}) @include(if: $hotline) {
    received
    directReplies
    dispatched
    replyRate
    completionRate
    satisfactionRate
  }
  hotlineTrend(filter: {from: $from, to: $to}, granularity: MONTH) @include(if: $hotline) {
    period
    statistics {
      received
    }
  }
}
    `) as unknown as TypedDocumentString<AnnualReportQuery, AnnualReportQueryVariables>;