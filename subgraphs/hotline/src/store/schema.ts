/**
 * Tables of the hotline's own database. Instants are ISO text with a `+08:00` offset, so text
 * order is time order and `substr(received_at, 1, 7)` is the month on SQLite and PostgreSQL alike.
 */
import type {
  Disposition,
  Rating,
  WorkOrderCategory,
  WorkOrderChannel,
} from '../__generated__/resolvers-types.js';

export type { Disposition, Rating, WorkOrderCategory, WorkOrderChannel };

export interface WorkOrderTable {
  /** `WO2021` + a 7-digit sequence in order of receipt, so id order is receipt order. */
  id: string;
  received_at: string;
  channel: WorkOrderChannel;
  category: WorkOrderCategory;
  summary: string;
  /** The township or village the matter is in. */
  region_code: string;
  /** Denormalised ancestors of region_code, so "this division or below" is one indexed equality. */
  county_code: string;
  township_code: string;
  disposition: Disposition;
  /** Set exactly when the order was dispatched. */
  department_code: string | null;
  item_code: string | null;
  replied_at: string | null;
  completed_at: string | null;
  /** Whole minutes from receipt to completion; set exactly when completed_at is. */
  handling_minutes: number | null;
  rating: Rating | null;
  /**
   * Personal data. Only the single-order read selects these two columns (see work-orders.ts);
   * no aggregate or index touches them.
   */
  caller_name: string;
  caller_phone: string;
  /**
   * When the hotline platform last changed the order: the version an import compares, so an
   * older copy never replaces a newer one. Null for seeded orders, which any import replaces.
   */
  updated_at: string | null;
}

export type RollupDimension = 'ALL' | 'COUNTY' | 'TOWNSHIP' | 'DEPARTMENT' | 'CATEGORY' | 'CHANNEL';
export type RollupGrain = 'DAY' | 'MONTH' | 'YEAR';

/**
 * Counts per value of one dimension per day, per month and per year, derived from work_orders
 * (see rollup.ts) and refreshed whenever orders change, so the counting statistics read a few
 * hundred rows instead of every order: whole years from YEAR rows, other whole months from MONTH
 * rows, the days at either end of a range from DAY rows. `ALL` has the single key `*`. Medians cannot be summed from such rows:
 * they come from work_order_handling.
 */
export interface WorkOrderRollupTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  key: string;
  /** `2021-03-01` for a DAY row, `2021-03` for a MONTH row, `2021` for a YEAR row. */
  period: string;
  received: number;
  direct_replies: number;
  replied: number;
  completed: number;
  rated: number;
  satisfied: number;
}

/**
 * The handling-time histogram: per dimension, key and period, how many completed orders fall in
 * each bucket of handling minutes (handling-buckets.ts), with the running count below the bucket
 * and the period's total, so that the bucket holding a median is one indexed row per key when a
 * question covers exactly one period. YEAR and MONTH rows for every dimension; DAY rows only for
 * `ALL` (the city's daily trend): the other dimensions' odd days are read from the orders. Kept in
 * step with work_orders by refreshRollup (rollup.ts), like work_order_rollup.
 */
export interface WorkOrderHandlingTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  /** `2021`, `2021-03` or `2021-03-05`, as the grain says. */
  period: string;
  key: string;
  /** The bucket's first minute. */
  bucket: number;
  /** Completed orders of this key and period whose handling minutes fall in the bucket. */
  orders: number;
  /** Completed orders of this key and period in lower buckets. */
  orders_below: number;
  /** Completed orders of this key and period, all buckets. */
  completed: number;
}

/**
 * The exact median handling minutes of every (dimension, grain, period, key) the histogram holds,
 * derived from it (and, for a median in a bucket wider than a minute, from the orders in that
 * bucket) whenever the histogram is refreshed. A question whose every group is one such period
 * (a year, a month, a day of the city) reads its medians here, one row per group.
 */
export interface WorkOrderMedianTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
  median_minutes: number;
}

export interface MergedHotlineTable {
  number: string;
  name: string;
  department_code: string;
  merged_on: string;
}

export interface Database {
  work_orders: WorkOrderTable;
  work_order_rollup: WorkOrderRollupTable;
  work_order_handling: WorkOrderHandlingTable;
  work_order_medians: WorkOrderMedianTable;
  merged_hotlines: MergedHotlineTable;
}
