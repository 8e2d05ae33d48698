import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { EvidencePreserver } from './evidence-preserver';

/** settle.disputes.events.v1 (its own): the URLs a `dispute.opened` names, preserved. Delegates only. */
@Controller()
export class EvidenceUrlConsumer {
  constructor(private readonly preserver: EvidencePreserver) {}

  @EventPattern(Topics.DISPUTE_EVENTS)
  async onDisputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.preserver.onDisputeEvent(message.envelope);
  }
}
