import type { ServiceDefinition } from '@settle/platform';

export const NegotiationService: ServiceDefinition = {
  name: 'negotiation',
  schema: 'negotiation',
  defaultPort: 3003,
  title: 'negotiation',
  description: 'Proposals, messages with tone coaching, returns, and signed seller webhooks.',
  entities: [],
  migrations: [],
};
