import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventType, Topics, type DeadlineReminderPayload, type EventEnvelope } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { DisputesRepository } from '../disputes/disputes.repository';
import { TransactionRunner } from '../shared/transaction.repository';
import { WebhookQueue } from './webhook-queue.service';

export const DEADLINE_EVENTS_CONSUMER = 'negotiation.deadline-events';

/** A reminder addressed to the seller (or to both parties) goes to the seller's webhooks. */
@Injectable()
export class DeadlineRemindersService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly webhooks: WebhookQueue,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    if (envelope.type !== EventType.DEADLINE_REMINDER) return;
    const reminder = envelope.data as DeadlineReminderPayload;
    if (reminder.party !== 'SELLER' && reminder.party !== 'BOTH') return;
    let queued = 0;
    await this.transactions.handleOnce(DEADLINE_EVENTS_CONSUMER, envelope, async (transaction) => {
      const sellerId = envelope.sellerid ?? (await this.disputes.findView(reminder.disputeId, transaction))?.sellerId;
      if (sellerId) queued = await this.webhooks.enqueue(transaction, sellerId, envelope);
    });
    if (queued > 0) this.webhooks.wake();
  }
}

@Controller()
export class DeadlineEventsConsumer {
  constructor(private readonly reminders: DeadlineRemindersService) {}

  @EventPattern(Topics.DEADLINE_EVENTS)
  async onDeadlineEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.reminders.handle(message.envelope);
  }
}
