import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { FeedbackService } from './feedback.service';

/** settle.disputes.events.v1: NOT_AS_DESCRIBED `dispute.opened` events counted per listing. Delegates only. */
@Controller()
export class FeedbackConsumer {
  constructor(private readonly feedback: FeedbackService) {}

  @EventPattern(Topics.DISPUTE_EVENTS)
  async onDisputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.feedback.onDisputeEvent(message.envelope);
  }
}
