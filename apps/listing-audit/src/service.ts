import type { ServiceDefinition } from '@settle/platform';
import { ListingAuditEntity } from './audits/listing-audit.entity';
import { ListingVersionEntity } from './audits/listing-version.entity';
import { ListingAuditConfig } from './config/listing-audit.config';
import { DisputeSignalEntity } from './feedback/dispute-signal.entity';
import { ListingAuditTables1765100000000 } from './migrations/1765100000000-listing-audit-tables';
import { SupplyIncidentEntity } from './incidents/supply-incident.entity';
import { ListingAuditsBySeller1768100000000 } from './migrations/1768100000000-listing-audits-by-seller';
import { SupplyIncidents1768200000000 } from './migrations/1768200000000-supply-incidents';

export const ListingAuditService: ServiceDefinition = {
  name: 'listing-audit',
  schema: 'listing_audit',
  defaultPort: 3001,
  title: 'listing-audit',
  description: 'Listing audits: the rules that prevent disputes, automated and dispute-driven re-audits.',
  config: ListingAuditConfig,
  entities: [ListingVersionEntity, ListingAuditEntity, DisputeSignalEntity, SupplyIncidentEntity],
  migrations: [ListingAuditTables1765100000000, ListingAuditsBySeller1768100000000, SupplyIncidents1768200000000],
};
