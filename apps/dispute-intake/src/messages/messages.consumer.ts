import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { MessagesService } from './messages.service';

/** settle.messages.events.v1 (negotiation): message.posted, chained into the dispute's history. */
@Controller()
export class MessagesConsumer {
  constructor(private readonly messages: MessagesService) {}

  @EventPattern(Topics.MESSAGE_EVENTS)
  async onMessageEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.messages.apply(message.envelope);
  }
}
