import { Injectable } from '@nestjs/common';
import { EventType, type DeadlineReminderPayload, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner } from '@settle/messaging';
import { DisputesRepository } from '../disputes/disputes.repository';
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
    await dispatch(envelope, {
      [EventType.DEADLINE_REMINDER]: (reminder) => this.remind(envelope, reminder),
    });
  }

  private async remind(envelope: EventEnvelope, reminder: DeadlineReminderPayload): Promise<void> {
    if (reminder.party !== 'SELLER' && reminder.party !== 'BOTH') return;
    let queued = 0;
    await this.transactions.handleOnce(DEADLINE_EVENTS_CONSUMER, envelope, async (tx) => {
      const sellerId = envelope.sellerid ?? (await this.disputes.findView(reminder.disputeId, tx))?.sellerId;
      if (sellerId) queued = await this.webhooks.enqueue(tx, sellerId, envelope);
    });
    if (queued > 0) this.webhooks.wake();
  }
}
