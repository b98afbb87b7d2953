import { hasScope, maskName, maskPhone, Scope } from '@govgraph/core';
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
  // Masked rather than denied without `pii:read`: staff can still tell callers apart and spot
  // a repeat caller, and a list of orders never fails because of the columns a client chose.
  callerName: async (order, _args, context) => {
    const name = (await callerOf(order.id, context)).caller_name;
    return hasScope(context.viewer, Scope.PII_READ) ? name : maskName(name)!;
  },
  callerPhone: async (order, _args, context) => {
    const phone = (await callerOf(order.id, context)).caller_phone;
    return hasScope(context.viewer, Scope.PII_READ) ? phone : maskPhone(phone)!;
  },
};
