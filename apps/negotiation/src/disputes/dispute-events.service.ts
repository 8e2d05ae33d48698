import { Injectable } from '@nestjs/common';
import { DISPUTE_TRANSITION_TYPES, EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, forTypes, TransactionRunner } from '@settle/messaging';
import { Clock } from '@settle/platform';
import { IncidentDisputesService } from '../supply-incidents/incident-disputes.service';
import { IncidentProposalWorker } from '../supply-incidents/incident-proposals.worker';
import { WebhookQueue } from '../webhooks/webhook-queue.service';
import { CommandOutcomes } from './command-outcomes';
import { CommandStatus, DisputesRepository } from './disputes.repository';
import { applyDisputeEvent } from './projection';

export const DISPUTE_EVENTS_CONSUMER = 'negotiation.dispute-events';

/** The answer an event carries to a command this service sent (by commandId). */
interface CommandAnswer {
  commandId: string;
  status: CommandStatus;
  outcome: Record<string, unknown>;
}

/**
 * Each dispute event, once (inbox), in one transaction: the projection moves, the command it answers (by
 * commandId) is marked applied or rejected, the seller's webhooks are queued, and supply incidents follow the
 * disputes of their orders (IncidentDisputesService).
 */
@Injectable()
export class DisputeEventsService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outcomes: CommandOutcomes,
    private readonly webhooks: WebhookQueue,
    private readonly incidentDisputes: IncidentDisputesService,
    private readonly proposals: IncidentProposalWorker,
    private readonly clock: Clock,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const answer = dispatch<CommandAnswer | undefined>(envelope, {
      ...forTypes(DISPUTE_TRANSITION_TYPES, (transition) =>
        transition.commandId
          ? {
              commandId: transition.commandId,
              status: CommandStatus.APPLIED,
              outcome: { eventId: envelope.id, events: [envelope.type], version: envelope.aggregateversion },
            }
          : undefined,
      ),
      [EventType.DISPUTE_COMMAND_REJECTED]: (rejection) =>
        rejection.commandId
          ? { commandId: rejection.commandId, status: CommandStatus.REJECTED, outcome: { ...rejection } }
          : undefined,
    });
    let answered: string | undefined;
    let queued = 0;
    let proposalsQueued = 0;
    const handled = await this.transactions.handleOnce(DISPUTE_EVENTS_CONSUMER, envelope, async (tx) => {
      const view = await this.disputes.findView(envelope.subject, tx, true);
      const next = applyDisputeEvent(view, envelope);
      if (next && next !== view) await this.disputes.saveView(tx, next);
      if (answer) {
        const resolved = await this.disputes.resolveCommand(
          tx,
          answer.commandId,
          answer.status,
          answer.outcome,
          this.clock.now().toISOString(),
        );
        if (resolved) answered = answer.commandId;
      }
      const sellerId = envelope.sellerid ?? next?.sellerId;
      if (sellerId) queued = await this.webhooks.enqueue(tx, sellerId, envelope);
      const incidents = await this.incidentDisputes.onDisputeEvent(tx, envelope, next);
      queued += incidents.webhooksQueued;
      proposalsQueued = incidents.proposalsQueued;
    });
    if (!handled) return;
    if (answered) this.outcomes.notify(answered);
    if (queued > 0) this.webhooks.wake();
    if (proposalsQueued > 0) this.proposals.wake();
  }
}
