import type { ServiceDefinition } from '@settle/platform';

export const ListingAuditService: ServiceDefinition = {
  name: 'listing-audit',
  schema: 'listing_audit',
  defaultPort: 3001,
  title: 'listing-audit',
  description: 'Listing audits: the rules that prevent disputes, automated and dispute-driven re-audits.',
  entities: [],
  migrations: [],
};
