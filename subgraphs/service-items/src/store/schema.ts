/**
 * Tables of the service-item catalogue's own database. Booleans are integers 0/1 and dates ISO
 * text (`YYYY-MM-DD`, instants with `+08:00`) so that every query runs unchanged on SQLite and
 * PostgreSQL.
 */
import type { Generated } from 'kysely';
import type { AdministrativeLevel, RegionLevel, ServiceItemKind } from '@govgraph/core';

export type Flag = 0 | 1;
export type CrossRegionScope = 'WITHIN_CITY' | 'CROSS_PROVINCE_OUTBOUND' | 'CROSS_PROVINCE_INBOUND' | 'GUANGZHOU_WINDOW';
export type ServiceChannelCode = 'YUESHENGSHI' | 'YUESHANGTONG';
export type ApplicationChannel = 'HALL' | 'ONLINE' | 'KIOSK';
export type PartnershipKind = 'CROSS_PROVINCE_AGREEMENT' | 'CROSS_REGION_MECHANISM';

export interface RegionTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  /** The day the unified application platform reached the division; null when it has not. */
  platform_since: string | null;
}

/**
 * Every (division, ancestor-or-self) pair. "In this division or below" becomes one indexed join
 * for every level alike, where a code-prefix test would need a special case for the city (whose
 * code 440800 is not a prefix of its counties' codes).
 */
export interface RegionAncestorTable {
  region_code: string;
  ancestor_code: string;
}

export interface DepartmentTable {
  code: string;
  name: string;
  short_name: string;
  level: AdministrativeLevel;
  region_code: string;
  stationed_in_center: Flag;
}

export interface ServiceItemTable {
  code: string;
  name: string;
  kind: ServiceItemKind;
  application_based: Flag;
  department_code: string;
  level: AdministrativeLevel;
  region_code: string;
  statutory_days: number;
  promised_days: number;
  required_visits: number;
  online_available: Flag;
  instant: Flag;
  one_window_acceptance: Flag;
  stationed_in_hall: Flag;
  stationed_in_center: Flag;
  platform_approvable: Flag;
  effective_from: string;
  /** The catalogue platform's last change to the item (its version); null for seeded items. */
  upstream_updated_at: string | null;
}

export interface ItemCrossRegionTable {
  item_code: string;
  scope: CrossRegionScope;
  since: string;
}

export interface ItemChannelTable {
  item_code: string;
  channel: ServiceChannelCode;
  since: string;
}

/** One 办件 handled in the city administrative service center. */
export interface ApplicationTable {
  /** Numbered by the database when a writer leaves it out (the importers do). */
  id: Generated<number>;
  /**
   * The intake system's application number (办件编号), the record's identity upstream. The column
   * is nullable only because SQLite cannot add a NOT NULL column; every writer sets it.
   */
  number: string;
  item_code: string;
  department_code: string;
  channel: ApplicationChannel;
  submitted_at: string;
  completed_at: string | null;
  /** 好差评 on its five-step scale, 5 非常满意 … 1 非常不满意; null when the applicant did not rate. */
  rating: number | null;
  /** The service platform's last change to the application (its version); null for seeded ones. */
  upstream_updated_at: string | null;
}

/**
 * Applications counted per day, month and year, per department and channel (see
 * application-rollup.ts): a full year of the center is a hundred-odd rows instead of half a
 * million applications. Kept in step with `applications` by refreshApplicationRollup.
 */
export interface ApplicationRollupTable {
  grain: 'DAY' | 'MONTH' | 'YEAR';
  /** `2021-03-05`, `2021-03` or `2021`, by grain, of the day the applications were submitted. */
  period: string;
  department_code: string;
  channel: ApplicationChannel;
  handled: number;
  completed: number;
  rated: number;
  satisfied: number;
}

export interface DelegationBatchTable {
  number: number;
  title: string;
  from_level: AdministrativeLevel;
  to_level: AdministrativeLevel;
  decided_on: string;
}

/** One entry of a level's power and responsibility list (权责清单事项). */
export interface PowerListEntryTable {
  id: number;
  code: string;
  name: string;
  category: string;
  level: AdministrativeLevel;
  department_code: string;
  /** The service item that implements the power, for application-based powers. */
  item_code: string | null;
  /** The batch that delegated this power to the level below, if any. */
  delegation_batch: number | null;
  effective_from: string;
  repealed_on: string | null;
}

export interface PartnerCityTable {
  name: string;
  province: string;
  kind: PartnershipKind;
  since: string;
}

export interface KioskTable {
  id: string;
  region_code: string;
  site: string;
  installed_on: string;
}

export interface ServiceHallTable {
  code: string;
  name: string;
  level: AdministrativeLevel;
  region_code: string;
  rating_enabled: Flag;
}

/** Figures the provincial platforms report per channel and year; item counts are not stored here. */
export interface ChannelStatisticsTable {
  channel: ServiceChannelCode;
  year: number;
  name: string;
  certificate_businesses: number | null;
  registered_users: number | null;
  registered_entities: number | null;
  total_entities: number | null;
}

export interface ChannelServiceDomainTable {
  channel: ServiceChannelCode;
  year: number;
  position: number;
  domain: string;
}

export interface Database {
  regions: RegionTable;
  region_ancestors: RegionAncestorTable;
  departments: DepartmentTable;
  service_items: ServiceItemTable;
  item_cross_region: ItemCrossRegionTable;
  item_channels: ItemChannelTable;
  applications: ApplicationTable;
  application_rollup: ApplicationRollupTable;
  delegation_batches: DelegationBatchTable;
  power_list_entries: PowerListEntryTable;
  partner_cities: PartnerCityTable;
  kiosks: KioskTable;
  service_halls: ServiceHallTable;
  channel_statistics: ChannelStatisticsTable;
  channel_service_domains: ChannelServiceDomainTable;
}
