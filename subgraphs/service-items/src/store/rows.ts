/**
 * The row types resolvers receive (codegen mappers point here). Entity rows are the database
 * rows as selected; derived objects carry the arguments their field resolvers still need.
 */
import type { Selectable } from 'kysely';
import type { AdministrativeLevel } from '@govgraph/core';
import type {
  ChannelStatisticsTable,
  DelegationBatchTable,
  DepartmentTable,
  KioskTable,
  PartnerCityTable,
  RegionTable,
  ServiceHallTable,
  ServiceItemTable,
} from './schema.js';

export type DepartmentRow = Selectable<DepartmentTable>;
export type RegionRow = Selectable<RegionTable>;
export type ServiceItemRow = Selectable<ServiceItemTable>;
export type KioskRow = Selectable<KioskTable>;
export type ServiceHallRow = Selectable<ServiceHallTable>;
export type PartnerCityRow = Selectable<PartnerCityTable>;

export interface DelegationBatchRow extends Selectable<DelegationBatchTable> {
  /** Power-list entries delegated in the batch. */
  entries: number;
}

/** An item's delegation: the batch it came in with, resolved to the batch row by a loader. */
export interface DelegationRow {
  item_code: string;
  batch_number: number;
  from_level: AdministrativeLevel;
  to_level: AdministrativeLevel;
}

export interface ServiceChannelRow extends Selectable<ChannelStatisticsTable> {
  /** Items flagged on the channel by the end of the year. */
  items: number;
  service_domains: string[];
}

/** Cross-region counts as of a day; `partners` is resolved on demand for that same day. */
export interface CrossRegionRow {
  asOf: string;
  withinCityItems: number;
  outboundItems: number;
  inboundItems: number;
  guangzhouWindowItems: number;
}

/** The service center over a period; each figure is resolved only when asked for. */
export interface ServiceCenterRow {
  from: string;
  to: string;
}
