import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DISPUTE_TRANSITION_TYPES,
  DeadlineKind,
  EventType,
  type DisputeCommandRejectedPayload,
  type DisputeOpenedPayload,
  type DisputeTransitionPayload,
  type EventEnvelope,
} from '@settle/contracts';
import { deadlineFor, type Policy } from '@settle/dispute-lifecycle';
import { dispatch, forTypes, TransactionRunner, type Transaction, type TransactionWork } from '@settle/messaging';
import { Clock, POLICY } from '@settle/platform';
import type { AdjustmentRecord } from '../deadlines/deadline-rules';
import { DeadlineScheduler } from '../deadlines/deadline-scheduler';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { newId } from '../shared/outgoing';
import type { DisputeProjectionEntity } from './dispute-projection.entity';
import { DisputesRepository } from './disputes.repository';

export const DISPUTE_EVENTS_CONSUMER = 'escalation-timer.dispute-events';

/**
 * The owner's dispute events (settle.disputes.events.v1): the timer's projection of each dispute, its escalation in
 * the staff queue, its evidence, and the deadlines each event schedules; each event in one transaction with its inbox
 * record (docs/ARCHITECTURE.md rule 3), so a redelivered event changes nothing.
 */
@Injectable()
export class DisputeProjectionService {
  private readonly logger = new Logger('DisputeEvents');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly disputes: DisputesRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly escalations: EscalationsRepository,
    private readonly scheduler: DeadlineScheduler,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async onDisputeEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.DISPUTE_OPENED]: (opened) => (tx) => this.opened(tx, opened, this.clock.now()),
      [EventType.DISPUTE_COMMAND_REJECTED]: (rejection) => (tx) => this.rejected(tx, rejection, this.clock.now()),
      [EventType.EVIDENCE_ADDED]: (evidence) => (tx) => this.disputes.insertEvidence(tx, evidence),
      ...forTypes(
        DISPUTE_TRANSITION_TYPES,
        (transition) => (tx) => this.transition(tx, envelope, transition, this.clock.now()),
      ),
    });
    if (work) await this.transactions.handleOnce(DISPUTE_EVENTS_CONSUMER, envelope, work);
  }

  private async opened(tx: Transaction, opened: DisputeOpenedPayload, now: Date): Promise<void> {
    if (!(await this.disputes.insertOpened(tx, opened, now))) return;
    const dispute = await this.disputes.lock(tx, opened.disputeId);
    if (!dispute) return;
    await this.scheduler.apply(
      tx,
      dispute,
      {
        type: EventType.DISPUTE_OPENED,
        version: opened.version,
        occurredAt: opened.openedAt,
        deadlines: opened.deadlines,
      },
      now,
    );
  }

  private async transition(
    tx: Transaction,
    envelope: EventEnvelope,
    event: DisputeTransitionPayload,
    now: Date,
  ): Promise<void> {
    const { type } = envelope;
    const dispute = await this.disputes.lock(tx, event.disputeId);
    if (!dispute) {
      this.logger.warn(`${type} for unknown dispute ${event.disputeId} (its dispute.opened was never seen); skipped`);
      return;
    }
    if (event.version <= dispute.version) return; // older than what the projection already holds
    const patch: Partial<DisputeProjectionEntity> = { status: event.status, version: event.version, updatedAt: now };
    const occurredAt = new Date(event.occurredAt);
    await dispatch<void | Promise<void>>(envelope, {
      [EventType.DISPUTE_SELLER_RESPONDED]: (responded) => {
        if (!dispute.sellerFirstRespondedAt) {
          patch.sellerFirstRespondedAt = occurredAt;
          patch.sellerRespondedWithin = responded.withinDeadline ?? true;
        }
      },
      [EventType.DISPUTE_PROPOSAL_SUBMITTED]: (submitted) => {
        if (submitted.proposal.by === 'BUYER') patch.buyerProposalId = submitted.proposal.proposalId;
      },
      [EventType.DISPUTE_ESCALATED]: async (escalated) => {
        patch.escalatedAt = occurredAt;
        const sla = escalated.deadlines.find((deadline) => deadline.kind === DeadlineKind.STAFF_RULING_SLA)?.dueAt;
        await this.escalations.open(tx, {
          id: newId(),
          disputeId: event.disputeId,
          sellerId: dispute.sellerId,
          cause: escalated.cause,
          escalatedAt: occurredAt,
          dueAt: sla
            ? new Date(sla)
            : deadlineFor('STAFF_RULING_SLA', occurredAt, this.policy, {
                sellerCountry: dispute.opened.order.sellerCountry,
                buyerCountry: dispute.opened.order.buyerCountry,
              }),
        });
      },
      [EventType.DISPUTE_RULED]: (ruled) =>
        this.escalations.ruled(tx, event.disputeId, ruled.ruling.ruledBy, new Date(ruled.ruling.ruledAt)),
      ...forTypes([EventType.DISPUTE_AGREED, EventType.DISPUTE_AUTO_ACCEPTED], () =>
        this.escalations.close(tx, event.disputeId, true, occurredAt),
      ),
      [EventType.DISPUTE_CANCELLED]: () => this.escalations.close(tx, event.disputeId, false, occurredAt),
      [EventType.DISPUTE_RESOLVED]: (resolved) => {
        patch.resolution = resolved.resolution;
      },
    });
    await this.disputes.update(tx, event.disputeId, patch);
    await this.scheduler.apply(
      tx,
      { ...dispute, ...patch },
      {
        type,
        version: event.version,
        occurredAt: event.occurredAt,
        deadlines: event.deadlines,
        sellerClockRestarted: dispatch(envelope, {
          [EventType.DISPUTE_PROPOSAL_SUBMITTED]: (submitted) => submitted.sellerClockRestarted,
        }),
        adjustment: dispatch<AdjustmentRecord & { kind: DeadlineKind }>(envelope, {
          [EventType.DISPUTE_DEADLINE_ADJUSTED]: (adjusted) => ({
            kind: adjusted.adjustment.kind,
            action: adjusted.adjustment.action,
            reasonCode: adjusted.adjustment.reasonCode,
            ...(adjusted.adjustment.note ? { note: adjusted.adjustment.note } : {}),
            at: adjusted.occurredAt,
            by: adjusted.actor.id,
            ...(adjusted.adjustment.previousDueAt ? { previousDueAt: adjusted.adjustment.previousDueAt } : {}),
            ...(adjusted.adjustment.dueAt ? { dueAt: adjusted.adjustment.dueAt } : {}),
          }),
        }),
      },
      now,
    );
  }

  /** The owner refused a deadline's command as stale: the deadline fires again with the current version. */
  private async rejected(tx: Transaction, rejection: DisputeCommandRejectedPayload, now: Date): Promise<void> {
    if (rejection.type !== 'STALE_VERSION' || !rejection.commandId) return;
    await this.deadlines.rearmAfterStaleCommand(tx, rejection.commandId, rejection.version, now);
  }
}
