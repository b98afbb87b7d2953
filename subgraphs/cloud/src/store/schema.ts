/**
 * The cloud subgraph's own tables. Dates are ISO `YYYY-MM-DD` text and storage is a float on a
 * 0.5 TB grid, so sums are exact in both SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export type CapacityEventKind = 'INITIAL' | 'EXPANSION';
export type SystemOrigin = 'NEW_DEPLOYMENT' | 'MIGRATED';
export type DataFlow = 'LOCAL_AGGREGATED' | 'PROVINCE_RETURNED' | 'SHARED_TO_DEPARTMENTS' | 'SHARED_TO_COUNTIES';

/** The initial build of the cloud node and each expansion, with what it added. */
export interface CapacityEventsTable {
  id: Generated<number>;
  completed_on: string;
  kind: CapacityEventKind;
  description: string;
  vcpu: number;
  memory_gb: number;
  storage_tb: number;
}

export interface BusinessSystemsTable {
  id: string;
  name: string;
  department_code: string;
  origin: SystemOrigin;
  vcpu: number;
  memory_gb: number;
  storage_tb: number;
  allocated_on: string;
  /**
   * The cloud platform's updatedAt of the allocation last imported (`YYYY-MM-DDTHH:mm:ss+08:00`),
   * compared as text; null for a row nobody imported (the seed), which any import replaces.
   */
  updated_at: string | null;
}

/** The government information-system inventory (政务信息系统清单). */
export interface InformationSystemsTable {
  id: string;
  name: string;
  department_code: string;
  registered_on: string;
}

/** The data resource catalogue (数据资源目录). */
export interface DataCatalogsTable {
  id: string;
  name: string;
  department_code: string;
  registered_on: string;
}

/** The data demand catalogue (数据需求目录): what a department asks others to share. */
export interface DemandCatalogsTable {
  id: string;
  name: string;
  department_code: string;
  registered_on: string;
}

/** The digital-government expert pool (专家库). Names are personal data: never aggregated out. */
export interface ExpertsTable {
  id: string;
  name: string;
  field: string;
  organisation: string;
  joined_on: string;
}

/**
 * Service items registered for data compilation (事项数据编制) and the catalogue entry each is
 * linked to; `linked_on` is when the link was made, so the link rate can be asked as of any day.
 */
export interface ItemDataLinksTable {
  item_code: string;
  catalog_id: string;
  registered_on: string;
  linked_on: string;
}

/** Records moved by the data platform, one row per day and flow. */
export interface DataFlowDailyTable {
  day: string;
  flow: DataFlow;
  records: number;
}

export interface Database {
  capacity_events: CapacityEventsTable;
  business_systems: BusinessSystemsTable;
  information_systems: InformationSystemsTable;
  data_catalogs: DataCatalogsTable;
  demand_catalogs: DemandCatalogsTable;
  experts: ExpertsTable;
  item_data_links: ItemDataLinksTable;
  data_flow_daily: DataFlowDailyTable;
}
