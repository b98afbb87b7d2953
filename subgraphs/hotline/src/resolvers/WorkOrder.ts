import type { WorkOrderResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import type { CallerRow } from '../store/rows.js';
import { departmentRef, regionRef, serviceItemRef } from '../store/refs.js';

/**
 * Personal data is read in a query of its own, only for the orders whose caller a client
 * selected: the one place an access rule for it needs to go.
 */
async function callerOf(id: string, { loaders }: Context): Promise<CallerRow> {
  const row = await loaders.caller.load(id);
  if (!row) throw new Error(`work order ${id} vanished while it was being read`);
  return row;
}

export const WorkOrder: WorkOrderResolvers = {
  receivedAt: (order) => order.received_at,
  region: (order) => regionRef(order.region_code),
  department: (order) => (order.department_code ? departmentRef(order.department_code) : null),
  serviceItem: (order) => (order.item_code ? serviceItemRef(order.item_code) : null),
  repliedAt: (order) => order.replied_at,
  completedAt: (order) => order.completed_at,
  callerName: async (order, _args, context) => (await callerOf(order.id, context)).caller_name,
  callerPhone: async (order, _args, context) => (await callerOf(order.id, context)).caller_phone,
};
