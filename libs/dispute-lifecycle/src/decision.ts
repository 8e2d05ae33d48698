import type { ActiveDeadline, DeadlineKind, Dispute, DisputeStatus, InstantString } from './domain';
import type { DomainEvent, StateEventType } from './events';
import { evolve } from './evolve';
import { type Policy, deadlineFor } from './policy';
import { type Check, type Rejection, reject } from './rejections';

/** A decision: the events a command produces, or the rule that refuses it. */
export type Decision =
  | { readonly ok: true; readonly events: readonly DomainEvent[] }
  | { readonly ok: false; readonly rejection: Rejection };

/** Builds a decision's events one by one, folding each so the next sees the state it creates. */
export class DecisionBuilder {
  readonly events: DomainEvent[] = [];
  constructor(
    public state: Dispute,
    readonly now: Date,
    readonly policy: Policy,
  ) {}
  get at(): InstantString {
    return this.now.toISOString();
  }
  emit<T extends StateEventType>(type: T, data: Extract<DomainEvent, { type: T }>['data']): void {
    const event = { type, disputeId: this.state.id, version: this.state.version + 1, at: this.at, data } as DomainEvent;
    this.state = evolve(this.state, event);
    this.events.push(event);
  }
  dueAt(kind: DeadlineKind): InstantString {
    const { sellerCountry, buyerCountry } = this.state.order;
    return deadlineFor(kind, this.now, this.policy, { sellerCountry, buyerCountry }).toISOString();
  }
  /** The running deadlines without those of these kinds. */
  deadlinesWithout(...kinds: DeadlineKind[]): ActiveDeadline[] {
    return this.state.deadlines.filter((deadline) => !kinds.includes(deadline.kind));
  }
}

export const refused = (type: Parameters<typeof reject>[0], detail?: string): Decision => ({
  ok: false,
  rejection: reject(type, detail),
});
export const fromCheck = (check: Check): Decision | null =>
  check.ok ? null : { ok: false, rejection: check.rejection };

export function wrongState(dispute: Dispute, what: string, expected: readonly DisputeStatus[]): Decision {
  return refused(
    'INVALID_STATE_TRANSITION',
    `${what} only while the dispute is ${expected.join(' or ')}; it is ${dispute.status}.`,
  );
}
