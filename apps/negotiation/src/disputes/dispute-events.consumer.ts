import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { DisputeEventsService } from './dispute-events.service';

@Controller()
export class DisputeEventsConsumer {
  constructor(private readonly events: DisputeEventsService) {}

  @EventPattern(Topics.DISPUTE_EVENTS)
  async onDisputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.events.handle(message.envelope);
  }
}
