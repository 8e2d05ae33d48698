import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { DeadlineRemindersService } from './deadline-reminders.service';

/** settle.deadlines.events.v1: reminders for the seller's webhooks. Delegates only. */
@Controller()
export class DeadlineEventsConsumer {
  constructor(private readonly reminders: DeadlineRemindersService) {}

  @EventPattern(Topics.DEADLINE_EVENTS)
  async onDeadlineEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.reminders.handle(message.envelope);
  }
}
