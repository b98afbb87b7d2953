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
export type RollupGrain = 'DAY' | 'MONTH';

/**
 * Counts per value of one dimension per day and per month, derived from work_orders (see
 * rollup.ts) and refreshed whenever orders change, so the counting statistics read a few hundred
 * or thousand rows instead of every order: whole months from MONTH rows, the days at either end
 * of a range from DAY rows. `ALL` has the single key `*`. Medians cannot be summed from such rows
 * and always come from work_orders.
 */
export interface WorkOrderRollupTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  key: string;
  /** `2021-03-01` for a DAY row, `2021-03` for a MONTH row. */
  period: string;
  received: number;
  direct_replies: number;
  replied: number;
  completed: number;
  rated: number;
  satisfied: number;
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
  merged_hotlines: MergedHotlineTable;
}
