import type { ServiceItemResolvers } from '../__generated__/resolvers-types.js';

/**
 * ServiceItem is owned by service-items; this subgraph adds whether an item joined the
 * certificate system and which certificates it accepts. Unknown items are simply not onboarded.
 */
export const ServiceItem: ServiceItemResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  onboardedToCertificateSystem: async (ref, _args, { loaders }) => (await loaders.itemOnboarding.load(ref.code)) !== null,
  // Shares the accepted-types batch, so asking for both fields costs one query.
  usesElectronicCertificates: async (ref, _args, { loaders }) => (await loaders.typesAcceptedByItem.load(ref.code)).length > 0,
  acceptedCertificateTypes: (ref, _args, { loaders }) => loaders.typesAcceptedByItem.load(ref.code),
};
