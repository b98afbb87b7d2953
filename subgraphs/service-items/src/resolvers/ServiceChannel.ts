import type { ServiceChannelResolvers } from '../__generated__/resolvers-types.js';
import { rate } from '@govgraph/core';

export const ServiceChannel: ServiceChannelResolvers = {
  code: (c) => c.channel,
  certificateBusinesses: (c) => c.certificate_businesses,
  registeredUsers: (c) => c.registered_users,
  serviceDomains: (c) => c.service_domains,
  registeredEntities: (c) => c.registered_entities,
  totalEntities: (c) => c.total_entities,
  entityRegistrationRate: (c) =>
    c.registered_entities === null || c.total_entities === null ? null : rate(c.registered_entities, c.total_entities),
};
