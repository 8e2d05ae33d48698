import { Inject, Injectable } from '@nestjs/common';
import { CommandType, type ActorDto, type DeadlineAdjustment, type DeadlineReasonCode } from '@settle/contracts';
import type { Policy } from '@settle/dispute-lifecycle';
import type { OutgoingEvent, Transaction } from '@settle/messaging';
import { POLICY } from '@settle/platform';
import { EscalationsRepository } from '../escalations/escalations.repository';
import { command, deadlineScheduled, newId } from '../shared/outgoing';
import {
  DEADLINE_PARTY,
  extend,
  nextFireAt,
  pause,
  reminderInstant,
  resume,
  type AdjustmentRecord,
  type LiveDeadline,
} from './deadline-rules';
import { DeadlinesRepository } from './deadlines.repository';

/** One change to a live deadline: by staff (`PATCH .../deadlines/{kind}`) or by the timer (a customs hold). */
export interface DeadlineAdjustmentRequest {
  action: DeadlineAdjustment;
  reasonCode: DeadlineReasonCode;
  note?: string;
  /** EXTEND only: by a duration, or until an instant. */
  change?: { byMs?: number; until?: Date };
  actor: ActorDto;
}

/**
 * The one path by which a deadline is paused, resumed or extended (staff's adjustments and customs holds alike): the
 * rules of deadline-rules.ts, the row with its adjustment record, the staff queue's due time for the ruling SLA, and
 * the events that announce it, returned for the caller's outbox in the same transaction: `deadline.scheduled` when
 * the deadline runs again, and the owner's `record_deadline_adjustment` command, so both parties hear of it.
 * Throws DeadlineRuleError when the rules refuse.
 */
@Injectable()
export class DeadlineAdjuster {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly escalations: EscalationsRepository,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async adjust(
    tx: Transaction,
    dispute: { disputeId: string; sellerId: string; version: number },
    deadline: LiveDeadline,
    request: DeadlineAdjustmentRequest,
    expectedVersion: number,
    now: Date,
  ): Promise<OutgoingEvent[]> {
    const { action } = request;
    const record: AdjustmentRecord = {
      action,
      reasonCode: request.reasonCode,
      ...(request.note ? { note: request.note } : {}),
      at: now.toISOString(),
      by: request.actor.id,
      ...(deadline.dueAt ? { previousDueAt: deadline.dueAt.toISOString() } : {}),
    };
    const events: OutgoingEvent[] = [];
    if (action === 'PAUSE') {
      const { remainingMs } = pause(deadline, now);
      record.remainingMs = remainingMs;
      await this.deadlines.pause(tx, deadline.id, remainingMs, record);
    } else {
      const { dueAt } = action === 'EXTEND' ? extend(deadline, request.change ?? {}, now) : resume(deadline, now);
      record.dueAt = dueAt.toISOString();
      const remindAt = reminderInstant(deadline.kind, dueAt, this.policy, now);
      await this.deadlines.run(tx, deadline.id, {
        dueAt,
        remindAt,
        fireAt: nextFireAt(dueAt, remindAt, null),
        adjustment: record,
      });
      // The staff queue is ordered by the ruling SLA: the case moves with it.
      if (deadline.kind === 'STAFF_RULING_SLA') await this.escalations.moveDue(tx, dispute.disputeId, dueAt);
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
    }
    events.push(
      command(CommandType.RECORD_DEADLINE_ADJUSTMENT, dispute.disputeId, dispute.sellerId, {
        commandId: newId(),
        disputeId: dispute.disputeId,
        expectedVersion,
        actor: request.actor,
        issuedAt: now.toISOString(),
        adjustment: {
          deadlineId: deadline.id,
          kind: deadline.kind,
          action,
          reasonCode: request.reasonCode,
          ...(request.note ? { note: request.note } : {}),
          ...(record.previousDueAt ? { previousDueAt: record.previousDueAt } : {}),
          ...(record.dueAt ? { dueAt: record.dueAt } : {}),
        },
      }),
    );
    return events;
  }
}
