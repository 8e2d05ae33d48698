import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { TransactionRunner } from '../shared/transaction.repository';
import { WebhookQueue } from '../webhooks/webhook-queue.service';
import { CommandOutcomes } from './command-outcomes';
import { CommandStatus, DisputesRepository } from './disputes.repository';
import { applyDisputeEvent } from './projection';
import { Clock } from '@settle/platform';

export const DISPUTE_EVENTS_CONSUMER = 'negotiation.dispute-events';

/**
 * Each dispute event, once (inbox), in one transaction: the projection moves, the command it answers (by
 * commandId) is marked applied or rejected, and the seller's webhooks are queued.
 */
@Injectable()
export class DisputeEventsService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outcomes: CommandOutcomes,
    private readonly webhooks: WebhookQueue,
    private readonly clock: Clock,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const data = envelope.data as { commandId?: string };
    let answered: string | undefined;
    let queued = 0;
    const handled = await this.transactions.handleOnce(DISPUTE_EVENTS_CONSUMER, envelope, async (transaction) => {
      const view = await this.disputes.findView(envelope.subject, transaction, true);
      const next = applyDisputeEvent(view, envelope);
      if (next && next !== view) await this.disputes.saveView(transaction, next);
      if (data.commandId) {
        const rejected = envelope.type === EventType.DISPUTE_COMMAND_REJECTED;
        const outcome = rejected
          ? (envelope.data as Record<string, unknown>)
          : { eventId: envelope.id, events: [envelope.type], version: envelope.aggregateversion };
        const resolved = await this.disputes.resolveCommand(
          transaction,
          data.commandId,
          rejected ? CommandStatus.REJECTED : CommandStatus.APPLIED,
          outcome,
          this.clock.now().toISOString(),
        );
        if (resolved) answered = data.commandId;
      }
      const sellerId = envelope.sellerid ?? next?.sellerId;
      if (sellerId) queued = await this.webhooks.enqueue(transaction, sellerId, envelope);
    });
    if (!handled) return;
    if (answered) this.outcomes.notify(answered);
    if (queued > 0) this.webhooks.wake();
  }
}
