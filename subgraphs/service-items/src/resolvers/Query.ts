import { assertDateRange, assertRegionCode } from '@govgraph/core';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { applicationCounts, toStatistics } from '../store/applications.js';
import { crossRegionItemCounts } from '../store/cross-region.js';
import { listDepartments } from '../store/departments.js';
import { catalogFigures, listItems } from '../store/items.js';
import { listKiosks, listServiceHalls } from '../store/kiosks.js';
import { listDelegationBatches, powerListEntriesByLevel } from '../store/power-list.js';
import { listRegions, platformFigures } from '../store/regions.js';
import { serviceChannels } from '../store/channels.js';
import { checkApplicationFilter, checkItemFilter, pageOf, yearEnd } from '../validation.js';

export const Query: QueryResolvers = {
  department: (_, { code }, { loaders }) => loaders.department.load(code),
  region: (_, { code }, { loaders }) => loaders.region.load(code),
  serviceItem: (_, { code }, { loaders }) => loaders.serviceItem.load(code),

  departments: (_, args, { db }) => {
    const page = pageOf(args, 50);
    if (args.regionCode != null) assertRegionCode(args.regionCode);
    return listDepartments(db, args, page);
  },

  regions: (_, args, { db }) => {
    const page = pageOf(args, 50);
    if (args.parentCode != null) assertRegionCode(args.parentCode, 'parentCode');
    return listRegions(db, args, page);
  },

  serviceItems: (_, args, { db }) => {
    const page = pageOf(args, 20);
    return listItems(db, checkItemFilter(args.filter), page);
  },

  catalogStatistics: (_, { asOf }, { db }) => catalogFigures(db, asOf),

  serviceCenter: (_, { from, to }) => assertDateRange(from, to),

  applicationStatistics: async (_, { filter }, { db, loaders }) =>
    toStatistics(await applicationCounts(db, await checkApplicationFilter(filter, loaders))),

  powerList: async (_, { asOf }, { db }) => {
    const entriesByLevel = await powerListEntriesByLevel(db, asOf);
    return { levels: entriesByLevel.map((e) => e.level), entriesByLevel };
  },

  delegationBatches: (_, { year }, { db }) => {
    if (year != null) yearEnd(year);
    return listDelegationBatches(db, year);
  },

  crossRegion: async (_, { asOf }, { db }) => {
    const counts = await crossRegionItemCounts(db, asOf);
    return {
      asOf,
      withinCityItems: counts.WITHIN_CITY,
      outboundItems: counts.CROSS_PROVINCE_OUTBOUND,
      inboundItems: counts.CROSS_PROVINCE_INBOUND,
      guangzhouWindowItems: counts.GUANGZHOU_WINDOW,
    };
  },

  kiosks: (_, args, { db }) => {
    const page = pageOf(args, 50);
    if (args.regionCode != null) assertRegionCode(args.regionCode);
    return listKiosks(db, args, page);
  },

  platformCoverage: (_, { asOf }, { db }) => platformFigures(db, asOf),

  serviceHalls: (_, { level }, { db }) => listServiceHalls(db, level),

  serviceChannels: (_, { year }, { db }) => {
    yearEnd(year);
    return serviceChannels(db, year);
  },
};
