import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineKind } from '@settle/contracts';
import type { Policy } from '@settle/dispute-lifecycle';
import { Outbox, type OutgoingEvent, type Transaction } from '@settle/messaging';
import type { DisputeProjectionEntity } from '../disputes/dispute-projection.entity';
import { deadlineScheduled, newId } from '../shared/outgoing';
import {
  DEADLINE_PARTY,
  deadlinesAfter,
  nextFireAt,
  reconcile,
  reminderInstant,
  type AdjustmentRecord,
  type DeadlineSpec,
} from './deadline-rules';
import { DeadlinesRepository } from './deadlines.repository';
import { POLICY } from '@settle/platform';

export interface ScheduleTrigger {
  type: string;
  version: number;
  occurredAt: string;
  deadlines?: DeadlineSpec[];
  sellerClockRestarted?: boolean;
  /** For dispute.deadline_adjusted: the change as the owner recorded it. */
  adjustment?: AdjustmentRecord & { kind: DeadlineKind };
}

/** Applies a dispute event to the dispute's deadline rows, in the consumer's transaction. */
@Injectable()
export class DeadlineScheduler {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly outbox: Outbox,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async apply(tx: Transaction, dispute: DisputeProjectionEntity, trigger: ScheduleTrigger, now: Date): Promise<void> {
    const live = await this.deadlines.live(tx, dispute.disputeId);
    const countries = {
      sellerCountry: dispute.opened.order.sellerCountry,
      buyerCountry: dispute.opened.order.buyerCountry,
    };
    const running = deadlinesAfter({ ...trigger, countries }, live, this.policy);
    const changes = reconcile(live, running, { sellerClockRestarted: trigger.sellerClockRestarted });
    const events: OutgoingEvent[] = [];
    const occurredAt = new Date(trigger.occurredAt);
    const adjustmentFor = (kind: DeadlineKind) =>
      trigger.adjustment && trigger.adjustment.kind === kind ? trigger.adjustment : undefined;
    // deadline.scheduled for a deadline set or moved by this event.
    const scheduled = (deadlineId: string, kind: DeadlineKind, dueAt: Date, remindAt: Date | null, replaces?: string) =>
      deadlineScheduled(
        {
          deadlineId,
          disputeId: dispute.disputeId,
          kind,
          party: DEADLINE_PARTY[kind],
          dueAt,
          remindAt,
          basedOnVersion: trigger.version,
          replacesDeadlineId: replaces,
        },
        dispute.sellerId,
        now,
      );
    for (const change of changes) {
      switch (change.type) {
        case 'SCHEDULE': {
          const id = newId();
          const remindAt = change.dueAt ? reminderInstant(change.kind, change.dueAt, this.policy, occurredAt) : null;
          await this.deadlines.insert(tx, [
            {
              id,
              disputeId: dispute.disputeId,
              kind: change.kind,
              party: DEADLINE_PARTY[change.kind],
              status: change.dueAt ? 'PENDING' : 'PAUSED',
              dueAt: change.dueAt,
              remainingMs: change.remainingMs,
              remindAt,
              fireAt: change.dueAt ? nextFireAt(change.dueAt, remindAt, null) : null,
              version: trigger.version,
              sellerId: dispute.sellerId,
              proposalId: change.kind === 'SELLER_RESPONSE' ? dispute.buyerProposalId : null,
              replacesDeadlineId: change.replaces ?? null,
              scheduledAt: now,
            },
          ]);
          if (change.dueAt) events.push(scheduled(id, change.kind, change.dueAt, remindAt, change.replaces));
          break;
        }
        case 'MOVE': {
          const remindAt = reminderInstant(change.kind, change.dueAt, this.policy, occurredAt);
          await this.deadlines.run(tx, change.id, {
            dueAt: change.dueAt,
            remindAt,
            fireAt: nextFireAt(change.dueAt, remindAt, null),
            adjustment: adjustmentFor(change.kind),
          });
          events.push(scheduled(change.id, change.kind, change.dueAt, remindAt));
          break;
        }
        case 'PAUSE':
          await this.deadlines.pause(tx, change.id, change.remainingMs, adjustmentFor(change.kind));
          break;
        case 'CANCEL':
          await this.deadlines.cancel(tx, change.id, change.reason, now);
          break;
      }
    }
    await this.deadlines.followVersion(tx, dispute.disputeId, trigger.version, dispute.buyerProposalId);
    await this.outbox.append(tx, events);
  }
}
