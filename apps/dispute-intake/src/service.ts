import type { ServiceDefinition } from '@settle/platform';
import { IntakeConfig } from './config/intake.config';
import { DisputeEventEntity } from './disputes/dispute-event.entity';
import { DisputeEntity } from './disputes/dispute.entity';
import { DisputeEvidenceEntity } from './evidence/evidence.entity';
import { InboundWebhookEntity } from './inbound/inbound-webhook.entity';
import { ListingAuditEntity } from './listings/listing-audit.entity';
import { ListingVersionEntity } from './listings/listing-version.entity';
import { DisputeMessageEntity } from './messages/dispute-message.entity';
import { DisputeIntakeTables1765000000000 } from './migrations/1765000000000-dispute-intake-tables';
import { DisputeMessageChain1765100000000 } from './migrations/1765100000000-dispute-message-chain';
import { DisputeEvidence1765200000000 } from './migrations/1765200000000-dispute-evidence';
import { OrderIncidentOffers1768200000000 } from './migrations/1768200000000-order-incident-offers';
import { DisputesBySellerAndStatus1768300000000 } from './migrations/1768300000000-disputes-by-seller-and-status';
import { OrderEntity } from './orders/order.entity';

export const DisputeIntakeService: ServiceDefinition = {
  name: 'dispute-intake',
  schema: 'dispute_intake',
  defaultPort: 3002,
  title: 'dispute-intake',
  description: 'Opening disputes, eligibility, the lifecycle owner of every dispute, and seller metrics.',
  config: IntakeConfig,
  entities: [
    DisputeEntity,
    DisputeEventEntity,
    DisputeMessageEntity,
    DisputeEvidenceEntity,
    OrderEntity,
    ListingVersionEntity,
    ListingAuditEntity,
    InboundWebhookEntity,
  ],
  migrations: [
    DisputeIntakeTables1765000000000,
    DisputeMessageChain1765100000000,
    DisputeEvidence1765200000000,
    OrderIncidentOffers1768200000000,
    DisputesBySellerAndStatus1768300000000,
  ],
};
