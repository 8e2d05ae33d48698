import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { DisputeEventsService } from './dispute-events.service';

/** Kafka in: the owner's dispute events, the orders' tracking, the messages. Translates and delegates only. */
@Controller()
export class DisputeEventsConsumer {
  constructor(private readonly service: DisputeEventsService) {}

  @EventPattern(Topics.DISPUTE_EVENTS)
  async disputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.service.onDisputeEvent(message.envelope);
  }

  @EventPattern(Topics.ORDER_EVENTS)
  async orderEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.service.onOrderEvent(message.envelope);
  }

  @EventPattern(Topics.MESSAGE_EVENTS)
  async messageEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.service.onMessageEvent(message.envelope);
  }
}
