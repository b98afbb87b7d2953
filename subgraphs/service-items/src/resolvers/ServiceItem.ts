import type { ServiceItemResolvers } from '../__generated__/resolvers-types.js';
import { required } from './required.js';

export const ServiceItem: ServiceItemResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.serviceItem.load(reference.code),
  applicationBased: (i) => i.application_based === 1,
  department: async (i, _, { loaders }) => required(await loaders.department.load(i.department_code), 'department', i.department_code),
  statutoryDays: (i) => i.statutory_days,
  promisedDays: (i) => i.promised_days,
  requiredVisits: (i) => i.required_visits,
  onlineAvailable: (i) => i.online_available === 1,
  instant: (i) => i.instant === 1,
  oneWindowAcceptance: (i) => i.one_window_acceptance === 1,
  stationedInHall: (i) => i.stationed_in_hall === 1,
  stationedInCenter: (i) => i.stationed_in_center === 1,
  platformApprovable: (i) => i.platform_approvable === 1,
  crossRegionScopes: async (i, _, { loaders }) => (await loaders.itemCrossRegionScopes.load(i.code)).map((r) => r.scope),
  channels: async (i, _, { loaders }) => (await loaders.itemChannels.load(i.code)).map((r) => r.channel),
  delegation: (i, _, { loaders }) => loaders.itemDelegation.load(i.code),
  effectiveFrom: (i) => i.effective_from,
};
