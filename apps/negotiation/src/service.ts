import type { ServiceDefinition } from '@settle/platform';
import { NegotiationConfig } from './config/negotiation.config';
import { BuyerOrderEntity } from './context/buyer-order.entity';
import { DisputeCommandEntity } from './disputes/dispute-command.entity';
import { DisputeProjectionEntity } from './disputes/dispute-projection.entity';
import { DisputeMessageEntity } from './messages/dispute-message.entity';
import { NegotiationTables1766000000000 } from './migrations/1766000000000-negotiation-tables';
import { WebhookEndpointRetryAfter1767000000000 } from './migrations/1767000000000-webhook-endpoint-retry-after';
import { SupplyIncidents1768000000000 } from './migrations/1768000000000-supply-incidents';
import { SupplyIncidentProposals1768100000000 } from './migrations/1768100000000-supply-incident-proposals';
import {
  SupplyIncidentDisputeEntity,
  SupplyIncidentEntity,
  SupplyIncidentOrderEntity,
  SupplyListingEntity,
} from './supply-incidents/supply-incident.entities';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookSecretEntity,
} from './webhooks/webhook.entities';

export const NegotiationService: ServiceDefinition = {
  name: 'negotiation',
  schema: 'negotiation',
  defaultPort: 3003,
  title: 'negotiation',
  description: 'Proposals, messages with tone coaching, returns, and signed seller webhooks.',
  config: NegotiationConfig,
  entities: [
    DisputeProjectionEntity,
    DisputeCommandEntity,
    DisputeMessageEntity,
    BuyerOrderEntity,
    WebhookEndpointEntity,
    WebhookSecretEntity,
    WebhookDeliveryEntity,
    WebhookAttemptEntity,
    SupplyListingEntity,
    SupplyIncidentEntity,
    SupplyIncidentOrderEntity,
    SupplyIncidentDisputeEntity,
  ],
  migrations: [
    NegotiationTables1766000000000,
    WebhookEndpointRetryAfter1767000000000,
    SupplyIncidents1768000000000,
    SupplyIncidentProposals1768100000000,
  ],
};
