import { CommandType, EventType, Topics, uuidv7, type DeadlineKind } from '@settle/contracts';
import type { OutgoingEvent } from '@settle/messaging';

export const TIMER_ACTOR = { role: 'SYSTEM' as const, id: 'escalation-timer' };

/** A command to the dispute's owner, on settle.disputes.commands.v1 keyed by the dispute. */
export function command<T extends object>(
  type: CommandType,
  disputeId: string,
  sellerId: string | null,
  data: T & { commandId: string },
): OutgoingEvent<T & { commandId: string }> {
  return {
    topic: Topics.DISPUTE_COMMANDS,
    type,
    subject: disputeId,
    data,
    ...(sellerId ? { sellerId } : {}),
  };
}

export function deadlineEvent<T>(
  type: EventType,
  disputeId: string,
  sellerId: string | null,
  data: T,
): OutgoingEvent<T> {
  return { topic: Topics.DEADLINE_EVENTS, type, subject: disputeId, data, ...(sellerId ? { sellerId } : {}) };
}

export interface ScheduledFacts {
  deadlineId: string;
  disputeId: string;
  kind: DeadlineKind;
  party: string;
  dueAt: Date;
  remindAt: Date | null;
  basedOnVersion: number;
  replacesDeadlineId?: string | null;
}

export function deadlineScheduled(facts: ScheduledFacts, sellerId: string | null, now: Date): OutgoingEvent {
  return deadlineEvent(EventType.DEADLINE_SCHEDULED, facts.disputeId, sellerId, {
    deadlineId: facts.deadlineId,
    disputeId: facts.disputeId,
    kind: facts.kind,
    dueAt: facts.dueAt.toISOString(),
    party: facts.party,
    scheduledAt: now.toISOString(),
    basedOnVersion: facts.basedOnVersion,
    ...(facts.remindAt ? { remindAt: facts.remindAt.toISOString() } : {}),
    ...(facts.replacesDeadlineId ? { replacesDeadlineId: facts.replacesDeadlineId } : {}),
  });
}

export const newId = (): string => uuidv7();
