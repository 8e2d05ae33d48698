import type { ServiceDefinition } from '@settle/platform';
import { DeadlineEntity } from './deadlines/deadline.entity';
import { DisputeEvidenceEntity } from './disputes/dispute-evidence.entity';
import { DisputeMessageEntity } from './disputes/dispute-message.entity';
import { DisputeProjectionEntity } from './disputes/dispute-projection.entity';
import { OrderTrackingEntity } from './disputes/order-tracking.entity';
import { EscalationEntity } from './escalations/escalation.entity';
import { SupplyIncidentEntity, SupplyIncidentOrderEntity } from './incidents/supply-incident.entity';
import { EscalationTimerTables1765100000000 } from './migrations/1765100000000-escalation-timer-tables';
import { EscalationQueueIndexes1765950000000 } from './migrations/1765950000000-escalation-queue-indexes';
import { DisputeEvidence1766100000000 } from './migrations/1766100000000-dispute-evidence';
import { SupplyIncidents1768200000000 } from './migrations/1768200000000-supply-incidents';
import { TimerConfig } from './shared/timer.config';

export const EscalationTimerService: ServiceDefinition = {
  name: 'escalation-timer',
  schema: 'escalation_timer',
  defaultPort: 3004,
  title: 'escalation-timer',
  description: 'Durable deadlines, reminders, automatic actions, the staff escalation queue and rulings.',
  config: TimerConfig,
  entities: [
    DeadlineEntity,
    DisputeProjectionEntity,
    OrderTrackingEntity,
    DisputeMessageEntity,
    DisputeEvidenceEntity,
    EscalationEntity,
    SupplyIncidentEntity,
    SupplyIncidentOrderEntity,
  ],
  migrations: [
    EscalationTimerTables1765100000000,
    EscalationQueueIndexes1765950000000,
    DisputeEvidence1766100000000,
    SupplyIncidents1768200000000,
  ],
};
