/**
 * GraphQL type -> the row type its resolvers receive (`./store/rows.js#TypeRow`), relative to
 * src/__generated__/. codegen.ts at the root reads this.
 */
import { IMPORT_STATUS_MAPPERS } from '../../packages/core/src/import/codegen-mappers.js';

export const mappers: Record<string, string> = {
  Department: '../store/rows.js#DepartmentRow',
  Region: '../store/rows.js#RegionRow',
  ServiceItem: '../store/rows.js#ServiceItemRow',
  Kiosk: '../store/rows.js#KioskRow',
  ServiceHall: '../store/rows.js#ServiceHallRow',
  PartnerCity: '../store/rows.js#PartnerCityRow',
  DelegationBatch: '../store/rows.js#DelegationBatchRow',
  Delegation: '../store/rows.js#DelegationRow',
  ServiceChannel: '../store/rows.js#ServiceChannelRow',
  CrossRegionStatistics: '../store/rows.js#CrossRegionRow',
  ServiceCenterStatistics: '../store/rows.js#ServiceCenterRow',
  // The import status: rows and resolvers shared by every subgraph, from core.
  ...IMPORT_STATUS_MAPPERS,
};
