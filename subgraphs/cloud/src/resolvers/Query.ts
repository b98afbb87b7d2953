import {
  assertDateRange,
  assertDepartmentCode,
  decodeCursor,
  pageSize,
  rate,
  toConnection,
} from '@govgraph/core';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { capacityAsOf, expansionsBetween } from '../store/capacity.js';
import { countSystems, pageOfSystems, tenancyAsOf, type BusinessSystemFilter } from '../store/business-systems.js';
import { countCatalogs, inventoryAsOf, pageOfCatalogs } from '../store/inventory.js';
import { flowVolumes } from '../store/data-flows.js';

export const Query: QueryResolvers = {
  async cloudCapacity(_parent, { asOf }, { db }) {
    const capacity = await capacityAsOf(db, asOf);
    const tenancy = await tenancyAsOf(db, asOf);
    return { total: capacity.total, allocated: tenancy.allocated, expansions: capacity.expansions };
  },

  async capacityExpansions(_parent, args, { db }) {
    const { from, to } = assertDateRange(args.from, args.to);
    return expansionsBetween(db, from, to);
  },

  businessSystem(_parent, { id }, { loaders }) {
    return loaders.businessSystem.load(id);
  },

  async businessSystems(_parent, args, { db }) {
    const size = pageSize(args.first);
    const after = decodeCursor(args.after);
    const filter: BusinessSystemFilter = {};
    if (args.filter?.departmentCode != null) {
      filter.departmentCode = assertDepartmentCode(args.filter.departmentCode, 'filter.departmentCode');
    }
    if (args.filter?.origin != null) filter.origin = args.filter.origin;
    if (args.filter?.nameContains != null) filter.nameContains = args.filter.nameContains;
    const rows = await pageOfSystems(db, filter, after, size + 1);
    const total = await countSystems(db, filter);
    return toConnection(rows, size, (row) => row.id, total);
  },

  cloudTenancy(_parent, { asOf }, { db }) {
    return tenancyAsOf(db, asOf);
  },

  async dataInventory(_parent, { asOf }, { db }) {
    const counts = await inventoryAsOf(db, asOf);
    // The SDL makes the rate non-null; before anything was registered nothing was linked either.
    return { ...counts, itemLinkRate: rate(counts.linkedItems, counts.registeredItems) ?? 0 };
  },

  async dataCatalogs(_parent, args, { db }) {
    const size = pageSize(args.first);
    const after = decodeCursor(args.after);
    const departmentCode = args.departmentCode != null ? assertDepartmentCode(args.departmentCode) : undefined;
    const rows = await pageOfCatalogs(db, departmentCode, after, size + 1);
    const total = await countCatalogs(db, departmentCode);
    return toConnection(rows, size, (row) => row.id, total);
  },

  async dataFlows(_parent, args, { db }) {
    const { from, to } = assertDateRange(args.from, args.to);
    return flowVolumes(db, from, to);
  },
};
