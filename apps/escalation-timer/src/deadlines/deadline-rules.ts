/**
 * The timer's deadline rules in plain TypeScript (no Nest, TypeORM or Kafka): which deadlines a dispute event
 * schedules, moves, pauses or cancels; the pause/resume/extend arithmetic; what a due row does when it is claimed
 * (a reminder, or the command of docs/DOMAIN.md's deadlines table). Every function takes explicit instants.
 */
import {
  CommandType,
  DeadlineKind,
  DeadlineParty,
  EventType,
  OpenAction,
  type DeadlineReasonCode,
} from '@settle/contracts';
import { deadlineFor, reminderFor, type PartyCountries, type Policy } from '@settle/dispute-lifecycle';

export type LiveStatus = 'PENDING' | 'PAUSED';
export type DeadlineStatus = LiveStatus | 'FIRED' | 'CANCELLED';

/** A change made to a deadline, with its reason code: shown in `GET /v1/disputes/{id}/deadlines`. */
export interface AdjustmentRecord {
  action: 'EXTEND' | 'PAUSE' | 'RESUME';
  reasonCode: DeadlineReasonCode;
  note?: string;
  at: string;
  /** Staff member, or `escalation-timer` for a customs hold seen on tracking. */
  by: string;
  previousDueAt?: string;
  dueAt?: string;
  remainingMs?: number;
}

/** A deadline still running (PENDING) or paused, as the rules see it. */
export interface LiveDeadline {
  id: string;
  kind: DeadlineKind;
  status: LiveStatus;
  dueAt: Date | null;
  remainingMs: number | null;
}

/** A deadline as a dispute event states it: `dueAt` while running, `remainingMs` while paused. */
export interface DeadlineSpec {
  kind: DeadlineKind;
  dueAt?: string;
  remainingMs?: number;
}

export type DeadlineChange =
  | {
      type: 'SCHEDULE';
      kind: DeadlineKind;
      dueAt: Date | null;
      remainingMs: number | null;
      /** The deadline of the same kind this one replaces (the seller clock restarting). */
      replaces?: string;
    }
  | { type: 'MOVE'; id: string; kind: DeadlineKind; dueAt: Date }
  | { type: 'PAUSE'; id: string; kind: DeadlineKind; remainingMs: number }
  | { type: 'CANCEL'; id: string; kind: DeadlineKind; reason: 'MOOT' | 'RESTARTED' };

export const DEADLINE_PARTY: Readonly<Record<DeadlineKind, DeadlineParty>> = {
  SELLER_RESPONSE: DeadlineParty.SELLER,
  PLATFORM_INTERVENTION: DeadlineParty.BOTH,
  RETURN_SHIPMENT: DeadlineParty.BUYER,
  RETURN_RECEIPT: DeadlineParty.SELLER,
  STAFF_RULING_SLA: DeadlineParty.STAFF,
};

/** What a reminder lists as still open to the party it goes to. */
export const OPEN_ACTIONS: Readonly<Record<DeadlineKind, OpenAction[]>> = {
  SELLER_RESPONSE: [OpenAction.RESPOND, OpenAction.SUBMIT_PROPOSAL, OpenAction.POST_MESSAGE],
  PLATFORM_INTERVENTION: [OpenAction.ACCEPT_PROPOSAL, OpenAction.SUBMIT_PROPOSAL, OpenAction.POST_MESSAGE],
  RETURN_SHIPMENT: [OpenAction.SHIP_RETURN],
  RETURN_RECEIPT: [OpenAction.CONFIRM_RETURN_RECEIPT],
  STAFF_RULING_SLA: [OpenAction.RULE],
};

/** The command each deadline sends to the dispute's owner when it passes (the staff SLA only flags the case). */
export const DEADLINE_COMMAND: Readonly<Record<DeadlineKind, CommandType | null>> = {
  SELLER_RESPONSE: CommandType.AUTO_ACCEPT,
  PLATFORM_INTERVENTION: CommandType.ESCALATE,
  RETURN_SHIPMENT: CommandType.EXPIRE_RETURN_SHIPMENT,
  RETURN_RECEIPT: CommandType.EXPIRE_RETURN_RECEIPT,
  STAFF_RULING_SLA: null,
};

/** Deadlines that a NOT_RECEIVED dispute's customs hold pauses by itself. */
export const CUSTOMS_HOLD_KINDS: readonly DeadlineKind[] = [
  DeadlineKind.SELLER_RESPONSE,
  DeadlineKind.PLATFORM_INTERVENTION,
];

/**
 * What a carrier's scan does to one live deadline of a NOT_RECEIVED dispute: a customs hold pauses a running
 * deadline of CUSTOMS_HOLD_KINDS that is not yet past due; the next scan that is not a hold resumes one a customs hold
 * paused (a pause by staff stays). Undefined: the scan changes nothing.
 */
export function customsHoldAction(
  deadline: LiveDeadline & { adjustments: readonly AdjustmentRecord[] },
  customsHeld: boolean,
  now: Date,
): 'PAUSE' | 'RESUME' | undefined {
  if (!CUSTOMS_HOLD_KINDS.includes(deadline.kind)) return undefined;
  if (customsHeld) {
    if (deadline.status !== 'PENDING') return undefined;
    return deadline.dueAt && deadline.dueAt.getTime() <= now.getTime() ? undefined : 'PAUSE';
  }
  if (deadline.status !== 'PAUSED') return undefined;
  const lastPause = deadline.adjustments.filter((adjustment) => adjustment.action === 'PAUSE').at(-1);
  return lastPause?.reasonCode === 'CUSTOMS_HOLD' ? 'RESUME' : undefined;
}

export interface DisputeEventFacts {
  type: string;
  occurredAt: string;
  /** Absent only from an owner that does not state them: the policy then says which deadlines start. */
  deadlines?: DeadlineSpec[];
  sellerClockRestarted?: boolean;
  countries: PartyCountries;
}

/**
 * The deadlines running after an event. The owner states them on every lifecycle event (it computes them with the
 * same policy); when an event does not, they follow from docs/DOMAIN.md's table and the policy.
 */
export function deadlinesAfter(
  event: DisputeEventFacts,
  live: readonly LiveDeadline[],
  policy: Policy,
): DeadlineSpec[] {
  if (event.deadlines) return event.deadlines;
  const from = new Date(event.occurredAt);
  const due = (kind: DeadlineKind): DeadlineSpec => ({
    kind,
    dueAt: deadlineFor(kind, from, policy, event.countries).toISOString(),
  });
  const keep = (...kinds: DeadlineKind[]): DeadlineSpec[] =>
    live
      .filter((deadline) => kinds.includes(deadline.kind))
      .map((deadline) =>
        deadline.dueAt
          ? { kind: deadline.kind, dueAt: deadline.dueAt.toISOString() }
          : { kind: deadline.kind, remainingMs: deadline.remainingMs ?? 0 },
      );
  switch (event.type) {
    case EventType.DISPUTE_OPENED:
      return [due(DeadlineKind.SELLER_RESPONSE), due(DeadlineKind.PLATFORM_INTERVENTION)];
    case EventType.DISPUTE_SELLER_RESPONDED:
      return keep(DeadlineKind.PLATFORM_INTERVENTION);
    case EventType.DISPUTE_PROPOSAL_SUBMITTED:
      return event.sellerClockRestarted
        ? [...keep(DeadlineKind.PLATFORM_INTERVENTION), due(DeadlineKind.SELLER_RESPONSE)]
        : keep(DeadlineKind.SELLER_RESPONSE, DeadlineKind.PLATFORM_INTERVENTION);
    case EventType.DISPUTE_RETURN_REQUESTED:
      return [due(DeadlineKind.RETURN_SHIPMENT)];
    case EventType.DISPUTE_RETURN_SHIPPED:
      return [due(DeadlineKind.RETURN_RECEIPT)];
    case EventType.DISPUTE_ESCALATED:
      return [due(DeadlineKind.STAFF_RULING_SLA)];
    case EventType.DISPUTE_DEADLINE_ADJUSTED:
      return keep(...Object.values(DeadlineKind));
    default:
      return [];
  }
}

/**
 * Reconciles the live deadlines with the set an event says is running: new kinds are scheduled, kinds no longer
 * running are cancelled (moot: never fired), a restarted seller clock replaces its deadline, a moved or paused
 * deadline keeps its id.
 */
export function reconcile(
  live: readonly LiveDeadline[],
  running: readonly DeadlineSpec[],
  options: { sellerClockRestarted?: boolean } = {},
): DeadlineChange[] {
  const changes: DeadlineChange[] = [];
  const byKind = new Map(live.map((deadline) => [deadline.kind, deadline]));
  const wanted = new Set(running.map((spec) => spec.kind));
  for (const deadline of live) {
    if (!wanted.has(deadline.kind))
      changes.push({ type: 'CANCEL', id: deadline.id, kind: deadline.kind, reason: 'MOOT' });
  }
  for (const spec of running) {
    const current = byKind.get(spec.kind);
    const dueAt = spec.dueAt !== undefined ? new Date(spec.dueAt) : null;
    const remainingMs = spec.dueAt === undefined ? (spec.remainingMs ?? 0) : null;
    if (!current) {
      changes.push({ type: 'SCHEDULE', kind: spec.kind, dueAt, remainingMs });
      continue;
    }
    const restart = options.sellerClockRestarted === true && spec.kind === DeadlineKind.SELLER_RESPONSE;
    if (restart && !(dueAt && current.dueAt && dueAt.getTime() === current.dueAt.getTime())) {
      changes.push({ type: 'CANCEL', id: current.id, kind: current.kind, reason: 'RESTARTED' });
      changes.push({ type: 'SCHEDULE', kind: spec.kind, dueAt, remainingMs, replaces: current.id });
      continue;
    }
    if (dueAt === null) {
      if (current.status !== 'PAUSED') {
        changes.push({ type: 'PAUSE', id: current.id, kind: current.kind, remainingMs: remainingMs ?? 0 });
      }
    } else if (current.status === 'PAUSED' || current.dueAt?.getTime() !== dueAt.getTime()) {
      changes.push({ type: 'MOVE', id: current.id, kind: current.kind, dueAt });
    }
  }
  return changes;
}

/** When the reminder of a deadline due at `dueAt` goes out; null for the staff SLA or when it is already too late. */
export function reminderInstant(kind: DeadlineKind, dueAt: Date, policy: Policy, now: Date): Date | null {
  const reminder = reminderFor({ kind, dueAt }, policy, now);
  return reminder ? reminder.remindAt : null;
}

// --- staff adjustments -------------------------------------------------------------------------------------------

export class DeadlineRuleError extends Error {
  constructor(
    readonly code:
      | 'DEADLINE_PAUSED'
      | 'DEADLINE_NOT_PAUSED'
      | 'DEADLINE_ALREADY_PASSED'
      | 'EXTENSION_NOT_LATER'
      | 'DEADLINE_NOT_ACTIVE',
    message: string,
  ) {
    super(message);
  }
}

/** Pausing keeps what was left; resuming later moves the deadline by exactly the paused time. */
export function pause(deadline: LiveDeadline, now: Date): { remainingMs: number } {
  if (deadline.status === 'PAUSED' || deadline.dueAt === null) {
    throw new DeadlineRuleError('DEADLINE_PAUSED', `The ${deadline.kind} deadline is already paused.`);
  }
  const remainingMs = deadline.dueAt.getTime() - now.getTime();
  if (remainingMs <= 0) {
    throw new DeadlineRuleError(
      'DEADLINE_ALREADY_PASSED',
      `The ${deadline.kind} deadline passed at ${deadline.dueAt.toISOString()}.`,
    );
  }
  return { remainingMs };
}

export function resume(deadline: LiveDeadline, now: Date): { dueAt: Date } {
  if (deadline.status !== 'PAUSED' || deadline.remainingMs === null) {
    throw new DeadlineRuleError('DEADLINE_NOT_PAUSED', `Only a paused deadline resumes; ${deadline.kind} is running.`);
  }
  return { dueAt: new Date(now.getTime() + deadline.remainingMs) };
}

/** An extension by a duration (ms) or until an instant: later than the current due time and than now. */
export function extend(deadline: LiveDeadline, change: { byMs?: number; until?: Date }, now: Date): { dueAt: Date } {
  if (deadline.status === 'PAUSED' || deadline.dueAt === null) {
    throw new DeadlineRuleError('DEADLINE_PAUSED', `Resume the paused ${deadline.kind} deadline before extending it.`);
  }
  if (deadline.dueAt.getTime() <= now.getTime()) {
    throw new DeadlineRuleError(
      'DEADLINE_ALREADY_PASSED',
      `The ${deadline.kind} deadline passed at ${deadline.dueAt.toISOString()}.`,
    );
  }
  const dueAt = change.until !== undefined ? change.until : new Date(deadline.dueAt.getTime() + (change.byMs ?? 0));
  if (dueAt.getTime() <= deadline.dueAt.getTime()) {
    throw new DeadlineRuleError(
      'EXTENSION_NOT_LATER',
      `An extension moves the deadline later than ${deadline.dueAt.toISOString()}.`,
    );
  }
  return { dueAt };
}

// --- claiming ----------------------------------------------------------------------------------------------------

/** A claimed row as the claimer reads it. */
export interface DueDeadline {
  id: string;
  kind: DeadlineKind;
  dueAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
}

export type DueAction = { type: 'REMIND'; nextFireAt: Date } | { type: 'FIRE' };

/** What a claimed row does now: its reminder (then wait for the due time), or pass. */
export function dueAction(row: DueDeadline, now: Date): DueAction {
  if (row.dueAt.getTime() <= now.getTime()) return { type: 'FIRE' };
  return { type: 'REMIND', nextFireAt: row.dueAt };
}

/** The next instant a pending deadline needs the claimer: its reminder, unless sent, else its due time. */
export function nextFireAt(dueAt: Date, remindAt: Date | null, remindedAt: Date | null): Date {
  return remindAt && !remindedAt && remindAt.getTime() < dueAt.getTime() ? remindAt : dueAt;
}
