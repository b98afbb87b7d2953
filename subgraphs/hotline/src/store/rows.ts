/** The shapes resolvers receive (codegen.mappers.ts points the GraphQL types at these). */
import type { Selectable } from 'kysely';
import type { OrderFilter } from './filters.js';
import type { Grouping } from './statistics.js';
import type { MergedHotlineTable, WorkOrderTable } from './schema.js';

/** A work order without its caller (and import bookkeeping): the columns every list and lookup reads. */
export type WorkOrderRow = Omit<Selectable<WorkOrderTable>, 'caller_name' | 'caller_phone' | 'updated_at'>;

/** The caller of one order: personal data, read only when a client selects it. */
export interface CallerRow {
  id: string;
  caller_name: string;
  caller_phone: string;
}

export type MergedHotlineRow = Selectable<MergedHotlineTable>;

/** Counts over a set of orders; the GraphQL type derives its rates from them. */
export interface HotlineCounts {
  received: number;
  directReplies: number;
  dispatched: number;
  replied: number;
  completed: number;
  rated: number;
  satisfied: number;
}

/** Where a group's median handling time is to be computed, should a client ask for it. */
export interface MedianRef {
  grouping: Grouping;
  key: string;
}

export interface HotlineStatisticsRow extends HotlineCounts {
  /** Null when there is no completed order, hence no median. */
  median: MedianRef | null;
}

export const NO_ORDERS: HotlineStatisticsRow = Object.freeze({
  received: 0,
  directReplies: 0,
  dispatched: 0,
  replied: 0,
  completed: 0,
  rated: 0,
  satisfied: 0,
  median: null,
});

/** The statistics of group `key` of `grouping`, from its counts (none: no orders at all). */
export function statisticsRow(counts: HotlineCounts | undefined, grouping: Grouping, key: string): HotlineStatisticsRow {
  if (!counts) return NO_ORDERS;
  return { ...counts, median: counts.completed > 0 ? { grouping, key } : null };
}

export interface HotlinePeriodRow {
  period: string;
  from: string;
  to: string;
  statistics: HotlineStatisticsRow;
}

export type HotlineDimension = 'COUNTY' | 'TOWNSHIP' | 'DEPARTMENT' | 'CATEGORY' | 'CHANNEL';

export interface HotlineGroupRow {
  by: HotlineDimension;
  key: string;
  statistics: HotlineStatisticsRow;
}

/** Entities owned by service-items: this subgraph holds only their keys. */
export interface DepartmentRef {
  __typename: 'Department';
  code: string;
}

export interface RegionRef {
  __typename: 'Region';
  code: string;
}

export interface ServiceItemRef {
  __typename: 'ServiceItem';
  code: string;
}

/** A page of orders; totalCount is resolved (and counted) only when a client selects it. */
export interface WorkOrderPage {
  edges: { cursor: string; node: WorkOrderRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  filter: OrderFilter;
}
