import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommandType,
  DeadlineKind,
  EventType,
  type DisputeCommandRejectedPayload,
  type DisputeDeadlineAdjustedPayload,
  type DisputeEscalatedPayload,
  type DisputeOpenedPayload,
  type DisputeProposalSubmittedPayload,
  type DisputeResolvedPayload,
  type DisputeRuledPayload,
  type DisputeSellerRespondedPayload,
  type DisputeTransitionPayload,
  type EventEnvelope,
  type EvidenceAddedPayload,
  type MessagePostedPayload,
  type OrderDeliveredPayload,
  type TrackingUpdatedPayload,
} from '@settle/contracts';
import { deadlineFor, type Policy } from '@settle/dispute-lifecycle';
import { Inbox, Outbox, type OutgoingEvent } from '@settle/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { CUSTOMS_HOLD_KINDS, pause, resume, type AdjustmentRecord } from '../deadlines/deadline-rules';
import { DeadlineScheduler } from '../deadlines/deadline-scheduler';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { command, deadlineScheduled, newId, TIMER_ACTOR } from '../shared/outgoing';
import { reminderInstant, nextFireAt, DEADLINE_PARTY } from '../deadlines/deadline-rules';
import type { DisputeProjectionEntity } from './dispute-projection.entity';
import { DisputesRepository } from './disputes.repository';
import { Clock, POLICY } from '@settle/platform';

/**
 * What the timer does with the owner's dispute events, the orders' tracking and the messages: each in one
 * transaction with its inbox record (docs/ARCHITECTURE.md rule 3), so a redelivered event changes nothing.
 */
@Injectable()
export class DisputeEventsService {
  private readonly logger = new Logger('DisputeEvents');
  private readonly disputeInbox: Inbox;
  private readonly orderInbox: Inbox;
  private readonly messageInbox: Inbox;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly disputes: DisputesRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly escalations: EscalationsRepository,
    private readonly scheduler: DeadlineScheduler,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {
    this.disputeInbox = new Inbox(dataSource, 'escalation-timer.dispute-events');
    this.orderInbox = new Inbox(dataSource, 'escalation-timer.order-events');
    this.messageInbox = new Inbox(dataSource, 'escalation-timer.message-events');
  }

  async onDisputeEvent(envelope: EventEnvelope): Promise<void> {
    await this.disputeInbox.handleOnce(envelope, async (manager) => {
      const now = this.clock.now();
      if (envelope.type === EventType.DISPUTE_OPENED)
        return this.opened(manager, envelope.data as DisputeOpenedPayload, now);
      if (envelope.type === EventType.DISPUTE_COMMAND_REJECTED) {
        return this.rejected(manager, envelope.data as DisputeCommandRejectedPayload, now);
      }
      if (envelope.type === EventType.EVIDENCE_ADDED) {
        return this.disputes.insertEvidence(manager, envelope.data as EvidenceAddedPayload);
      }
      if (!envelope.type.startsWith('dispute.')) return;
      await this.transition(manager, envelope.type, envelope.data as DisputeTransitionPayload, now);
    });
  }

  private async opened(manager: EntityManager, opened: DisputeOpenedPayload, now: Date): Promise<void> {
    if (!(await this.disputes.insertOpened(manager, opened, now))) return;
    const dispute = await this.disputes.lock(manager, opened.disputeId);
    if (!dispute) return;
    await this.scheduler.apply(
      manager,
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
    manager: EntityManager,
    type: string,
    event: DisputeTransitionPayload,
    now: Date,
  ): Promise<void> {
    const dispute = await this.disputes.lock(manager, event.disputeId);
    if (!dispute) {
      this.logger.warn(`${type} for unknown dispute ${event.disputeId} (its dispute.opened was never seen); skipped`);
      return;
    }
    if (event.version <= dispute.version) return; // older than what the projection already holds
    const patch: Partial<DisputeProjectionEntity> = { status: event.status, version: event.version, updatedAt: now };
    const occurredAt = new Date(event.occurredAt);
    switch (type) {
      case EventType.DISPUTE_SELLER_RESPONDED: {
        const responded = event as DisputeSellerRespondedPayload;
        if (!dispute.sellerFirstRespondedAt) {
          patch.sellerFirstRespondedAt = occurredAt;
          patch.sellerRespondedWithin = responded.withinDeadline ?? true;
        }
        break;
      }
      case EventType.DISPUTE_PROPOSAL_SUBMITTED: {
        const submitted = event as DisputeProposalSubmittedPayload;
        if (submitted.proposal.by === 'BUYER') patch.buyerProposalId = submitted.proposal.proposalId;
        break;
      }
      case EventType.DISPUTE_ESCALATED: {
        const escalated = event as DisputeEscalatedPayload;
        patch.escalatedAt = occurredAt;
        const sla = escalated.deadlines.find((deadline) => deadline.kind === DeadlineKind.STAFF_RULING_SLA)?.dueAt;
        await this.escalations.open(manager, {
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
        break;
      }
      case EventType.DISPUTE_RULED: {
        const ruled = event as DisputeRuledPayload;
        await this.escalations.ruled(manager, event.disputeId, ruled.ruling.ruledBy, new Date(ruled.ruling.ruledAt));
        break;
      }
      case EventType.DISPUTE_AGREED:
      case EventType.DISPUTE_AUTO_ACCEPTED:
        await this.escalations.close(manager, event.disputeId, true, occurredAt);
        break;
      case EventType.DISPUTE_CANCELLED:
        await this.escalations.close(manager, event.disputeId, false, occurredAt);
        break;
      case EventType.DISPUTE_RESOLVED:
        patch.resolution = (event as DisputeResolvedPayload).resolution;
        break;
    }
    await this.disputes.update(manager, event.disputeId, patch);
    const adjusted = type === EventType.DISPUTE_DEADLINE_ADJUSTED ? (event as DisputeDeadlineAdjustedPayload) : null;
    await this.scheduler.apply(
      manager,
      { ...dispute, ...patch },
      {
        type,
        version: event.version,
        occurredAt: event.occurredAt,
        deadlines: event.deadlines,
        sellerClockRestarted: (event as DisputeProposalSubmittedPayload).sellerClockRestarted,
        adjustment: adjusted
          ? {
              kind: adjusted.adjustment.kind,
              action: adjusted.adjustment.action,
              reasonCode: adjusted.adjustment.reasonCode,
              ...(adjusted.adjustment.note ? { note: adjusted.adjustment.note } : {}),
              at: adjusted.occurredAt,
              by: adjusted.actor.id,
              ...(adjusted.adjustment.previousDueAt ? { previousDueAt: adjusted.adjustment.previousDueAt } : {}),
              ...(adjusted.adjustment.dueAt ? { dueAt: adjusted.adjustment.dueAt } : {}),
            }
          : undefined,
      },
      now,
    );
  }

  /** The owner refused a deadline's command as stale: the deadline fires again with the current version. */
  private async rejected(manager: EntityManager, rejection: DisputeCommandRejectedPayload, now: Date): Promise<void> {
    if (rejection.type !== 'STALE_VERSION' || !rejection.commandId) return;
    await this.deadlines.rearmAfterStaleCommand(manager, rejection.commandId, rejection.version, now);
  }

  // --- orders ----------------------------------------------------------------------------------------------------

  async onOrderEvent(envelope: EventEnvelope): Promise<void> {
    await this.orderInbox.handleOnce(envelope, async (manager) => {
      const now = this.clock.now();
      if (envelope.type === EventType.ORDER_DELIVERED) {
        const delivered = envelope.data as OrderDeliveredPayload;
        await this.disputes.upsertTracking(manager, {
          orderId: delivered.orderId,
          status: 'DELIVERED',
          statusAt: new Date(delivered.deliveredAt),
          deliveredAt: new Date(delivered.deliveredAt),
          proof: delivered.proof ? { ...delivered.proof } : null,
          updatedAt: now,
        });
      } else if (envelope.type === EventType.TRACKING_UPDATED) {
        await this.trackingUpdated(manager, envelope.data as TrackingUpdatedPayload, now);
      }
    });
  }

  /** A customs hold pauses the NOT_RECEIVED clocks by itself; the next scan that is not one resumes them. */
  private async trackingUpdated(manager: EntityManager, tracking: TrackingUpdatedPayload, now: Date): Promise<void> {
    await this.disputes.upsertTracking(manager, {
      orderId: tracking.orderId,
      status: tracking.status,
      statusAt: new Date(tracking.at),
      carrier: tracking.carrier,
      trackingNumber: tracking.trackingNumber,
      ...(tracking.status === 'DELIVERED' ? { deliveredAt: new Date(tracking.at) } : {}),
      updatedAt: now,
    });
    const held = tracking.status === 'CUSTOMS_HELD';
    for (const dispute of await this.disputes.openForOrder(manager, tracking.orderId)) {
      if (dispute.reason !== 'NOT_RECEIVED') continue;
      const events: OutgoingEvent[] = [];
      let expectedVersion = dispute.version;
      for (const deadline of await this.deadlines.live(manager, dispute.disputeId)) {
        if (!CUSTOMS_HOLD_KINDS.includes(deadline.kind)) continue;
        const record: AdjustmentRecord = {
          action: held ? 'PAUSE' : 'RESUME',
          reasonCode: 'CUSTOMS_HOLD',
          note: `Carrier ${tracking.carrier} reported ${tracking.status}${tracking.location ? ` at ${tracking.location}` : ''}.`,
          at: now.toISOString(),
          by: TIMER_ACTOR.id,
        };
        let dueAt: Date | undefined;
        if (held && deadline.status === 'PENDING') {
          if (deadline.dueAt && deadline.dueAt.getTime() <= now.getTime()) continue;
          const { remainingMs } = pause(deadline, now);
          record.previousDueAt = deadline.dueAt?.toISOString();
          record.remainingMs = remainingMs;
          await this.deadlines.pause(manager, deadline.id, remainingMs, record);
        } else if (
          !held &&
          deadline.status === 'PAUSED' &&
          lastAdjustment(deadline.row.adjustments) === 'CUSTOMS_HOLD'
        ) {
          dueAt = resume(deadline, now).dueAt;
          record.dueAt = dueAt.toISOString();
          const remindAt = reminderInstant(deadline.kind, dueAt, this.policy, now);
          await this.deadlines.run(manager, deadline.id, {
            dueAt,
            remindAt,
            fireAt: nextFireAt(dueAt, remindAt, null),
            adjustment: record,
          });
          events.push(
            deadlineScheduled(
              {
                deadlineId: deadline.id,
                disputeId: dispute.disputeId,
                kind: deadline.kind,
                party: DEADLINE_PARTY[deadline.kind],
                dueAt,
                remindAt,
                basedOnVersion: dispute.version,
              },
              dispute.sellerId,
              now,
            ),
          );
        } else {
          continue;
        }
        events.push(
          command(CommandType.RECORD_DEADLINE_ADJUSTMENT, dispute.disputeId, dispute.sellerId, {
            commandId: newId(),
            disputeId: dispute.disputeId,
            expectedVersion: expectedVersion++,
            actor: TIMER_ACTOR,
            issuedAt: now.toISOString(),
            adjustment: {
              deadlineId: deadline.id,
              kind: deadline.kind,
              action: record.action,
              reasonCode: 'CUSTOMS_HOLD',
              ...(record.note ? { note: record.note } : {}),
              ...(record.previousDueAt ? { previousDueAt: record.previousDueAt } : {}),
              ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
            },
          }),
        );
      }
      await this.outbox.append(manager, events);
    }
  }

  // --- messages --------------------------------------------------------------------------------------------------

  async onMessageEvent(envelope: EventEnvelope): Promise<void> {
    if (envelope.type !== EventType.MESSAGE_POSTED) return;
    await this.messageInbox.handleOnce(envelope, async (manager) => {
      await this.disputes.insertMessage(manager, envelope.data as MessagePostedPayload);
    });
  }
}

function lastAdjustment(adjustments: AdjustmentRecord[]): string | undefined {
  return adjustments.filter((adjustment) => adjustment.action === 'PAUSE').at(-1)?.reasonCode;
}
