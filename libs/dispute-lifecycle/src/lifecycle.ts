/**
 * The dispute lifecycle as a pure state machine, event-sourced:
 *   open(input, now, policy)              -> the first event and state
 *   decide(dispute, command, now, policy) -> { ok: true, events } | { ok: false, rejection }
 *   evolve(dispute, event)                -> the next state; state = events.reduce(evolve, undefined)
 *
 * Where AGREED goes on: the decision that agrees (seller accepts, either side accepts the other's proposal, the
 * seller deadline auto-accepts, the parties agree after escalation) also emits the next step in the same decision:
 * `dispute.resolved` for REFUND_ONLY / NO_REFUND / RESEND, `dispute.return_requested` (starting the return-shipment
 * deadline) for RETURN_AND_REFUND. AGREED is therefore a status an event passes through, never one a stored dispute
 * rests in; `SETTLE_AGREEMENT` moves on a history that somehow stopped there.
 *
 * OPENED and AWAITING_SELLER are one state (DOMAIN.md writes "OPENED/AWAITING_SELLER"): `dispute.opened` leaves the
 * dispute AWAITING_SELLER, since the seller clock starts at opening; every rule for AWAITING_SELLER also accepts a
 * dispute recorded as OPENED.
 */
import { isKnownCurrency, type Money } from '@settle/contracts/money';
import { isKnownCountry } from './calendar';
import {
  COMMAND_ACTORS,
  type AcceptProposal,
  type Actor,
  type AdjustDeadline,
  type ConfirmReturnReceipt,
  type DeadlinePassed,
  type DisputeCommand,
  type Escalate,
  type OpenDisputeInput,
  type Rule,
  type SellerRespond,
  type ShipReturn,
  type SubmitProposal,
} from './commands';
import {
  CITATION_KINDS,
  DEADLINE_REASON_CODES,
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  EVIDENCE_KINDS,
  PROPOSAL_TYPES,
  REFUNDING_PROPOSAL_TYPES,
  REQUESTED_TYPES,
  RETURN_CONDITIONS,
  RULING_OUTCOMES,
  SUB_REASONS,
  TRACKING_STATUSES,
  isTerminal,
  type ActiveDeadline,
  type Agreement,
  type Citation,
  type DeadlineKind,
  type Dispute,
  type DisputeStatus,
  type EscalationCause,
  type InstantString,
  type OrderSnapshot,
  type Proposal,
  type ProposalInput,
  type Proposer,
  type Resolution,
} from './domain';
import { assertInstant } from './duration';
import type { CommandRejected, DisputeOpened, DomainEvent, StateEventType } from './events';
import { checkBuyerMayEscalate, checkOpeningWindow, checkRefundLimit, deadlineFor, type Policy } from './policy';
import { reject, type Check, type Rejection } from './rejections';

export type Decision =
  | { readonly ok: true; readonly events: readonly DomainEvent[] }
  | { readonly ok: false; readonly rejection: Rejection };

export type OpenResult =
  | {
      readonly ok: true;
      readonly event: DisputeOpened;
      readonly events: readonly [DisputeOpened];
      readonly dispute: Dispute;
    }
  | { readonly ok: false; readonly rejection: Rejection };

/** Thrown by `evolve` for an event that cannot follow the state (a corrupt or misordered history), never for input. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
}

// ---------------------------------------------------------------------------------------------------------------
// The arrows

const AWAITING_SELLER_STATES: readonly DisputeStatus[] = ['OPENED', 'AWAITING_SELLER'];
/** Non-terminal states: where the buyer may withdraw and a deadline may be adjusted. */
export const OPEN_STATUSES: readonly DisputeStatus[] = DISPUTE_STATUSES.filter((s) => !isTerminal(s));

export interface LifecycleArrow {
  readonly from: DisputeStatus | null;
  readonly event: StateEventType;
  readonly to: DisputeStatus;
}

/** Every (from, event, to) the lifecycle allows; `evolve` refuses anything else. Self-loops record facts. */
export const LIFECYCLE_ARROWS: readonly LifecycleArrow[] = [
  { from: null, event: 'dispute.opened', to: 'AWAITING_SELLER' },
  ...AWAITING_SELLER_STATES.flatMap((from): LifecycleArrow[] => [
    { from, event: 'dispute.seller_responded', to: from },
    { from, event: 'dispute.seller_responded', to: 'NEGOTIATING' },
    { from, event: 'dispute.agreed', to: 'AGREED' },
    { from, event: 'dispute.auto_accepted', to: 'AGREED' },
    { from, event: 'dispute.escalated', to: 'ESCALATED' },
  ]),
  { from: 'NEGOTIATING', event: 'dispute.proposal_submitted', to: 'AWAITING_SELLER' },
  { from: 'NEGOTIATING', event: 'dispute.proposal_submitted', to: 'NEGOTIATING' },
  { from: 'NEGOTIATING', event: 'dispute.agreed', to: 'AGREED' },
  { from: 'NEGOTIATING', event: 'dispute.escalated', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.proposal_submitted', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.agreed', to: 'AGREED' },
  { from: 'ESCALATED', event: 'dispute.ruled', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'AGREED', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'AGREED', event: 'dispute.return_requested', to: 'AWAITING_RETURN' },
  { from: 'AWAITING_RETURN', event: 'dispute.return_shipped', to: 'RETURN_IN_TRANSIT' },
  { from: 'AWAITING_RETURN', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.return_received', to: 'RETURN_IN_TRANSIT' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.escalated', to: 'ESCALATED' },
  ...OPEN_STATUSES.flatMap((from): LifecycleArrow[] => [
    { from, event: 'dispute.cancelled', to: 'CANCELLED' },
    { from, event: 'dispute.deadline_adjusted', to: from },
  ]),
];

const ARROW_KEYS = new Set(LIFECYCLE_ARROWS.map((a) => `${a.from}|${a.event}|${a.to}`));
export function isLifecycleArrow(from: DisputeStatus | null, event: StateEventType, to: DisputeStatus): boolean {
  return ARROW_KEYS.has(`${from}|${event}|${to}`);
}

// ---------------------------------------------------------------------------------------------------------------
// evolve: the fold

/** Applies one event. Throws InvalidEventError if the event cannot follow the state (wrong order, wrong arrow). */
export function evolve(state: Dispute | undefined, event: DomainEvent): Dispute {
  if (event.type === 'dispute.opened') {
    if (state) throw new InvalidEventError(`dispute ${state.id} is already open`);
    if (event.version !== 1) throw new InvalidEventError(`dispute.opened must be version 1, got ${event.version}`);
    return openedState(event);
  }
  if (!state) throw new InvalidEventError(`the first event of a dispute is dispute.opened, got ${event.type}`);
  if (event.disputeId !== state.id) {
    throw new InvalidEventError(`event for dispute ${event.disputeId} applied to dispute ${state.id}`);
  }
  if (event.version !== state.version + 1) {
    throw new InvalidEventError(`event version ${event.version} cannot follow version ${state.version}`);
  }
  const next = { ...applyEvent(state, event), version: event.version, deadlines: event.data.deadlines };
  if (!isLifecycleArrow(state.status, event.type, next.status)) {
    throw new InvalidEventError(`${event.type} cannot move a dispute from ${state.status} to ${next.status}`);
  }
  return next;
}

/** Folds a whole history. */
export function replay(events: readonly DomainEvent[]): Dispute {
  const state = events.reduce<Dispute | undefined>(evolve, undefined);
  if (!state) throw new InvalidEventError('an empty history has no dispute');
  return state;
}

function openedState(e: DisputeOpened): Dispute {
  const d = e.data;
  return {
    id: e.disputeId,
    status: 'AWAITING_SELLER',
    version: 1,
    orderId: d.orderId,
    buyerId: d.buyerId,
    sellerId: d.sellerId,
    listingId: d.listingId,
    reason: d.reason,
    subReason: d.subReason,
    requested: d.requested,
    paid: d.order.amount,
    order: d.order,
    openedAt: e.at,
    proposals: [d.proposal],
    currentBuyerProposal: d.proposal,
    currentSellerProposal: null,
    round: d.proposal.round,
    sellerFirstRespondedAt: null,
    agreement: null,
    returnShipment: null,
    escalatedAt: null,
    escalation: null,
    ruling: null,
    resolution: null,
    cancellation: null,
    deadlines: d.deadlines,
  };
}

function applyEvent(s: Dispute, e: Exclude<DomainEvent, DisputeOpened>): Dispute {
  switch (e.type) {
    case 'dispute.seller_responded': {
      const responded = { ...s, sellerFirstRespondedAt: s.sellerFirstRespondedAt ?? e.at };
      if (e.data.action === 'ACCEPT' || !e.data.proposal) return responded;
      const p = e.data.proposal;
      return { ...responded, status: 'NEGOTIATING', proposals: [...s.proposals, p], currentSellerProposal: p };
    }
    case 'dispute.proposal_submitted': {
      const p = e.data.proposal;
      const proposals = [...s.proposals, p];
      if (p.by === 'BUYER') {
        const backToSeller = s.status === 'NEGOTIATING';
        return {
          ...s,
          status: backToSeller ? 'AWAITING_SELLER' : s.status,
          proposals,
          currentBuyerProposal: p,
          // The buyer's modified proposal answers the seller's counter: it is no longer on the table.
          currentSellerProposal: backToSeller ? null : s.currentSellerProposal,
          round: p.round,
        };
      }
      return { ...s, proposals, currentSellerProposal: p };
    }
    case 'dispute.agreed':
    case 'dispute.auto_accepted':
      return {
        ...s,
        status: 'AGREED',
        agreement: e.data.agreement,
        currentBuyerProposal: null,
        currentSellerProposal: null,
      };
    case 'dispute.escalated':
      return { ...s, status: 'ESCALATED', escalatedAt: e.at, escalation: e.data.escalation };
    case 'dispute.ruled':
      return { ...s, ruling: e.data.ruling };
    case 'dispute.return_requested':
      return { ...s, status: 'AWAITING_RETURN' };
    case 'dispute.return_shipped':
      return {
        ...s,
        status: 'RETURN_IN_TRANSIT',
        returnShipment: { carrier: e.data.carrier, trackingNumber: e.data.trackingNumber, shippedAt: e.at },
      };
    case 'dispute.return_received':
      return {
        ...s,
        returnShipment: {
          ...(s.returnShipment ?? { carrier: '', trackingNumber: '', shippedAt: e.at }),
          receivedAt: e.at,
          condition: e.data.condition,
          ...(e.data.note !== undefined ? { note: e.data.note } : {}),
        },
      };
    case 'dispute.resolved':
      return { ...s, status: 'RESOLVED', resolution: e.data.resolution };
    case 'dispute.cancelled':
      return { ...s, status: 'CANCELLED', cancellation: e.data.cancellation };
    case 'dispute.deadline_adjusted':
      return s;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// open

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
export function isInstantString(value: unknown): value is InstantString {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Opens a dispute: every check of DOMAIN.md for a new dispute, then its first event and state. */
export function open(input: OpenDisputeInput, now: Date, policy: Policy): OpenResult {
  assertInstant(now, 'now');
  const refused = (r: Rejection): OpenResult => ({ ok: false, rejection: r });
  for (const field of ['disputeId', 'orderId', 'buyerId', 'sellerId', 'listingId'] as const) {
    if (!nonEmpty(input[field])) return refused(reject('INVALID_ORDER', `${field} is required.`));
  }
  if (!DISPUTE_REASONS.includes(input.reason)) {
    return refused(reject('UNKNOWN_REASON', `"${String(input.reason)}" is not one of ${DISPUTE_REASONS.join(', ')}.`));
  }
  const allowed: readonly string[] = SUB_REASONS[input.reason];
  const subReason = input.subReason ?? null;
  if (allowed.length === 0 ? subReason !== null : subReason === null || !allowed.includes(subReason)) {
    return refused(
      reject(
        'INVALID_SUB_REASON',
        allowed.length === 0
          ? `${input.reason} takes no sub-reason.`
          : `${input.reason} takes one of ${allowed.join(', ')}; got ${String(subReason)}.`,
      ),
    );
  }
  const evidence = input.evidence ?? [];
  if (!Array.isArray(evidence)) return refused(reject('INVALID_EVIDENCE', 'evidence is a list.'));
  for (const [i, item] of evidence.entries()) {
    if (!item || !EVIDENCE_KINDS.includes(item.kind) || !/^https?:\/\/\S+$/i.test(String(item.url))) {
      return refused(
        reject('INVALID_EVIDENCE', `evidence[${i}] needs a kind (${EVIDENCE_KINDS.join(', ')}) and an http(s) URL.`),
      );
    }
  }
  if (input.reason === 'NOT_AS_DESCRIBED' && !evidence.some((e) => e.kind !== 'TRACKING')) {
    return refused(reject('EVIDENCE_REQUIRED'));
  }
  if (!input.requested || !REQUESTED_TYPES.includes(input.requested.type)) {
    return refused(reject('INVALID_REQUESTED_TYPE'));
  }
  const orderCheck = checkOrder(input.order);
  if (!orderCheck.ok) return refused(orderCheck.rejection);
  const refundCheck = checkRefundLimit(input.requested.refund, input.order.amount);
  if (!refundCheck.ok) return refused(refundCheck.rejection);
  const order = normalizeOrder(input.order);
  const windowCheck = checkOpeningWindow(order, now, policy);
  if (!windowCheck.ok) return refused(windowCheck.rejection);

  const at = now.toISOString();
  const proposalId = input.proposalId ?? `${input.disputeId}:P1`;
  if (!nonEmpty(proposalId)) return refused(reject('INVALID_ORDER', 'proposalId must be a non-empty string.'));
  const proposal: Proposal = {
    proposalId,
    by: 'BUYER',
    type: input.requested.type,
    refund: input.requested.refund,
    submittedAt: at,
    round: 1,
  };
  const ctx = { sellerCountry: order.sellerCountry, buyerCountry: order.buyerCountry };
  const event: DisputeOpened = {
    type: 'dispute.opened',
    disputeId: input.disputeId,
    version: 1,
    at,
    data: {
      orderId: input.orderId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      listingId: input.listingId,
      reason: input.reason,
      subReason,
      requested: { type: input.requested.type, refund: input.requested.refund },
      order,
      proposal,
      ...(input.description !== undefined ? { description: input.description } : {}),
      evidence,
      deadlines: [
        { kind: 'SELLER_RESPONSE', dueAt: deadlineFor('SELLER_RESPONSE', now, policy, ctx).toISOString() },
        { kind: 'PLATFORM_INTERVENTION', dueAt: deadlineFor('PLATFORM_INTERVENTION', now, policy, ctx).toISOString() },
      ],
    },
  };
  return { ok: true, event, events: [event], dispute: evolve(undefined, event) };
}

function checkOrder(order: OrderSnapshot | undefined): Check {
  const bad = (detail: string): Check => ({ ok: false, rejection: reject('INVALID_ORDER', detail) });
  if (!order || typeof order !== 'object') return bad('the order snapshot is required.');
  const amount = order.amount as Money | undefined;
  if (!amount || typeof amount.currency !== 'string') return bad('order.amount is required.');
  if (!isKnownCurrency(amount.currency)) {
    return {
      ok: false,
      rejection: reject('UNKNOWN_CURRENCY', `"${amount.currency}" is not a known ISO 4217 currency.`),
    };
  }
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor <= 0) {
    return {
      ok: false,
      rejection: reject('INVALID_AMOUNT', 'order.amount is a positive whole number of minor units.'),
    };
  }
  if (!isInstantString(order.paidAt)) return bad('order.paidAt must be an RFC 3339 instant.');
  if (order.shippedAt !== undefined) {
    if (!isInstantString(order.shippedAt)) return bad('order.shippedAt must be an RFC 3339 instant.');
    if (Date.parse(order.shippedAt) < Date.parse(order.paidAt)) return bad('order.shippedAt is before order.paidAt.');
  }
  if (order.deliveredAt !== undefined && !isInstantString(order.deliveredAt)) {
    return bad('order.deliveredAt must be an RFC 3339 instant.');
  }
  if (!Number.isInteger(order.promisedDeliveryDays) || order.promisedDeliveryDays < 0) {
    return bad('order.promisedDeliveryDays must be a whole number ≥ 0.');
  }
  if (order.trackingStatus !== undefined && !TRACKING_STATUSES.includes(order.trackingStatus)) {
    return bad(`order.trackingStatus must be one of ${TRACKING_STATUSES.join(', ')}.`);
  }
  for (const field of ['buyerCountry', 'sellerCountry'] as const) {
    if (!isKnownCountry(order[field])) return bad(`order.${field} must be an ISO 3166-1 alpha-2 country code.`);
  }
  return { ok: true };
}

function normalizeOrder(order: OrderSnapshot): OrderSnapshot {
  const iso = (v: string) => new Date(v).toISOString();
  return {
    ...order,
    paidAt: iso(order.paidAt),
    ...(order.shippedAt !== undefined ? { shippedAt: iso(order.shippedAt) } : {}),
    ...(order.deliveredAt !== undefined ? { deliveredAt: iso(order.deliveredAt) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// decide

/** Builds a decision's events one by one, folding each so the next sees the state it creates. */
class EventBuilder {
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
    return this.state.deadlines.filter((d) => !kinds.includes(d.kind));
  }
}

const refused = (type: Parameters<typeof reject>[0], detail?: string): Decision => ({
  ok: false,
  rejection: reject(type, detail),
});
const fromCheck = (check: Check): Decision | null => (check.ok ? null : { ok: false, rejection: check.rejection });

/**
 * Decides what a command does to a dispute at `now` under `policy`. Checks, in this order: the actor is a party
 * (NOT_A_PARTY) and may send this command (WRONG_ACTOR); the dispute is not terminal (TERMINAL_STATE); the sender
 * saw the current version (STALE_VERSION); the command fits the state (INVALID_STATE_TRANSITION); then its own rules.
 */
export function decide(dispute: Dispute, command: DisputeCommand, now: Date, policy: Policy): Decision {
  assertInstant(now, 'now');
  const roles = COMMAND_ACTORS[command?.type];
  if (!roles) return refused('UNKNOWN_COMMAND', `"${String(command?.type)}" is not a dispute command.`);
  const actorCheck = checkActor(dispute, command.actor, roles);
  if (actorCheck) return actorCheck;
  if (isTerminal(dispute.status)) {
    return refused('TERMINAL_STATE', `The dispute is ${dispute.status}; nothing can change it any more.`);
  }
  if (command.expectedVersion !== dispute.version) {
    return refused(
      'STALE_VERSION',
      `The command was based on version ${String(command.expectedVersion)}; the dispute is at version ${dispute.version}.`,
    );
  }
  const b = new EventBuilder(dispute, now, policy);
  const outcome = decideCommand(b, command);
  return outcome ?? { ok: true, events: b.events };
}

function checkActor(d: Dispute, actor: Actor | undefined, roles: readonly string[]): Decision | null {
  if (!actor || typeof actor !== 'object') return refused('WRONG_ACTOR', 'The command names no actor.');
  if (actor.role === 'BUYER' && actor.id !== d.buyerId)
    return refused('NOT_A_PARTY', 'This buyer is not the dispute’s buyer.');
  if (actor.role === 'SELLER' && actor.id !== d.sellerId) {
    return refused('NOT_A_PARTY', 'This seller is not the dispute’s seller.');
  }
  if (!roles.includes(actor.role)) {
    return refused('WRONG_ACTOR', `This command is sent by ${roles.join(' or ')}, not ${String(actor.role)}.`);
  }
  return null;
}

function wrongState(d: Dispute, what: string, expected: readonly DisputeStatus[]): Decision {
  return refused(
    'INVALID_STATE_TRANSITION',
    `${what} only while the dispute is ${expected.join(' or ')}; it is ${d.status}.`,
  );
}

function decideCommand(b: EventBuilder, c: DisputeCommand): Decision | null {
  switch (c.type) {
    case 'SELLER_RESPOND':
      return sellerRespond(b, c);
    case 'SUBMIT_PROPOSAL':
      return submitProposal(b, c);
    case 'ACCEPT_PROPOSAL':
      return acceptProposal(b, c);
    case 'ESCALATE':
      return escalateByBuyer(b, c);
    case 'DEADLINE_PASSED':
      return deadlinePassed(b, c);
    case 'RULE':
      return rule(b, c);
    case 'SHIP_RETURN':
      return shipReturn(b, c);
    case 'CONFIRM_RETURN_RECEIPT':
      return confirmReturnReceipt(b, c);
    case 'CANCEL':
      b.emit('dispute.cancelled', {
        cancellation: { by: 'BUYER', at: b.at, ...(c.reason !== undefined ? { reason: c.reason } : {}) },
        deadlines: [],
      });
      return null;
    case 'ADJUST_DEADLINE':
      return adjustDeadline(b, c);
    case 'SETTLE_AGREEMENT':
      if (b.state.status !== 'AGREED') return wrongState(b.state, 'An agreement is settled', ['AGREED']);
      settleAgreement(b);
      return null;
  }
}

// --- proposals -------------------------------------------------------------------------------------------------

function zero(paid: Money): Money {
  return { amountMinor: 0, currency: paid.currency };
}

function isExpired(p: Proposal, now: Date): boolean {
  return p.expiresAt !== undefined && now.getTime() >= Date.parse(p.expiresAt);
}

function buildProposal(b: EventBuilder, input: ProposalInput | undefined, by: Proposer): Proposal | Rejection {
  const d = b.state;
  if (!input || !PROPOSAL_TYPES.includes(input.type)) {
    return reject('PROPOSAL_TYPE_NOT_ALLOWED', `A proposal is one of ${PROPOSAL_TYPES.join(', ')}.`);
  }
  if (by === 'BUYER' && input.type === 'NO_REFUND') {
    return reject(
      'PROPOSAL_TYPE_NOT_ALLOWED',
      'The buyer does not propose NO_REFUND; the buyer withdraws the dispute instead.',
    );
  }
  if (REFUNDING_PROPOSAL_TYPES.includes(input.type)) {
    if (input.refund === undefined) return reject('REFUND_REQUIRED', `A ${input.type} proposal names its refund.`);
    const check = checkRefundLimit(input.refund, d.paid);
    if (!check.ok) return check.rejection;
  } else if (input.refund !== undefined) {
    return reject('REFUND_NOT_ALLOWED', `A ${input.type} proposal carries no refund.`);
  }
  if (input.expiresAt !== undefined) {
    if (!isInstantString(input.expiresAt) || Date.parse(input.expiresAt) <= b.now.getTime()) {
      return reject('INVALID_EXPIRY', `expiresAt must be an RFC 3339 instant after ${b.at}.`);
    }
  }
  const proposalId = input.proposalId ?? `${d.id}:P${d.proposals.length + 1}`;
  if (!nonEmpty(proposalId)) return reject('INVALID_ORDER', 'proposalId must be a non-empty string.');
  if (d.proposals.some((p) => p.proposalId === proposalId)) {
    return reject('DUPLICATE_PROPOSAL_ID', `A proposal ${proposalId} already exists on this dispute.`);
  }
  return {
    proposalId,
    by,
    type: input.type,
    ...(input.refund !== undefined ? { refund: input.refund } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: new Date(input.expiresAt).toISOString() } : {}),
    submittedAt: b.at,
    // A buyer's proposal opens the next round; the seller's counters answer the current one.
    round: by === 'BUYER' ? d.round + 1 : d.round,
  };
}

const isRejection = (v: Proposal | Rejection): v is Rejection => 'type' in v && 'detail' in v && !('proposalId' in v);

function sellerDeadline(d: Dispute): ActiveDeadline | undefined {
  return d.deadlines.find((x) => x.kind === 'SELLER_RESPONSE');
}

/** Whether the seller answers before the seller-response deadline (a paused deadline has not passed). */
function sellerWithinDeadline(d: Dispute, now: Date): { responseDueAt: InstantString | null; withinDeadline: boolean } {
  const dueAt = sellerDeadline(d)?.dueAt ?? null;
  return { responseDueAt: dueAt, withinDeadline: dueAt === null || now.getTime() < Date.parse(dueAt) };
}

/** AWAITING_SELLER → NEGOTIATING: the seller rejects the buyer's proposal with a counter-proposal. */
function sellerCounters(b: EventBuilder, input: ProposalInput, message: string | undefined): Decision | null {
  const timing = sellerWithinDeadline(b.state, b.now);
  if (!timing.withinDeadline) {
    return refused(
      'DEADLINE_ALREADY_PASSED',
      `The seller could answer until ${timing.responseDueAt}; the buyer's proposal is accepted automatically.`,
    );
  }
  const proposal = buildProposal(b, input, 'SELLER');
  if (isRejection(proposal)) return { ok: false, rejection: proposal };
  b.emit('dispute.seller_responded', {
    action: 'REJECT',
    proposal,
    ...(message !== undefined ? { message } : {}),
    ...timing,
    // The seller has answered: the seller clock stops; the intervention deadline keeps running.
    deadlines: b.deadlinesWithout('SELLER_RESPONSE'),
  });
  return null;
}

/** AWAITING_SELLER → AGREED: the seller accepts the buyer's proposal as asked. */
function sellerAccepts(b: EventBuilder, proposal: Proposal): Decision | null {
  if (isExpired(proposal, b.now))
    return refused('PROPOSAL_EXPIRED', `Proposal ${proposal.proposalId} expired at ${proposal.expiresAt}.`);
  b.emit('dispute.seller_responded', {
    action: 'ACCEPT',
    ...sellerWithinDeadline(b.state, b.now),
    deadlines: b.state.deadlines,
  });
  agree(b, proposal, 'SELLER', false);
  return null;
}

function sellerRespond(b: EventBuilder, c: SellerRespond): Decision | null {
  const d = b.state;
  if (!AWAITING_SELLER_STATES.includes(d.status)) return wrongState(d, 'The seller responds', AWAITING_SELLER_STATES);
  if (c.action === 'ACCEPT') {
    if (!d.currentBuyerProposal) return refused('PROPOSAL_NOT_FOUND', 'There is no buyer proposal to accept.');
    return sellerAccepts(b, d.currentBuyerProposal);
  }
  if (c.action === 'REJECT') return sellerCounters(b, c.proposal, c.message);
  return refused(
    'UNKNOWN_COMMAND',
    `A seller response is ACCEPT or REJECT, not "${String((c as { action: unknown }).action)}".`,
  );
}

function submitProposal(b: EventBuilder, c: SubmitProposal): Decision | null {
  const d = b.state;
  const by = c.actor.role as 'BUYER' | 'SELLER';
  if (AWAITING_SELLER_STATES.includes(d.status)) {
    // A seller's proposal while the dispute awaits the seller is the seller's answer: a rejection with a counter.
    if (by === 'SELLER') return sellerCounters(b, c.proposal, undefined);
    return refused(
      'INVALID_STATE_TRANSITION',
      'The buyer modifies the proposal once the seller has answered (NEGOTIATING); the dispute awaits the seller.',
    );
  }
  if (d.status !== 'NEGOTIATING' && d.status !== 'ESCALATED') {
    return wrongState(d, 'A proposal is made', ['AWAITING_SELLER', 'NEGOTIATING', 'ESCALATED']);
  }
  const proposal = buildProposal(b, c.proposal, by);
  if (isRejection(proposal)) return { ok: false, rejection: proposal };
  if (d.status === 'NEGOTIATING' && by === 'BUYER') {
    // NEGOTIATING → AWAITING_SELLER: the buyer modified the proposal; the seller clock restarts from now.
    const sellerResponseDueAt = b.dueAt('SELLER_RESPONSE');
    b.emit('dispute.proposal_submitted', {
      proposal,
      sellerClockRestarted: true,
      sellerResponseDueAt,
      deadlines: [...b.deadlinesWithout('SELLER_RESPONSE'), { kind: 'SELLER_RESPONSE', dueAt: sellerResponseDueAt }],
    });
    return null;
  }
  b.emit('dispute.proposal_submitted', { proposal, sellerClockRestarted: false, deadlines: b.state.deadlines });
  return null;
}

function acceptProposal(b: EventBuilder, c: AcceptProposal): Decision | null {
  const d = b.state;
  const states: DisputeStatus[] = [...AWAITING_SELLER_STATES, 'NEGOTIATING', 'ESCALATED'];
  if (!states.includes(d.status)) return wrongState(d, 'A proposal is accepted', states);
  const proposal = d.proposals.find((p) => p.proposalId === c.proposalId);
  if (!proposal) return refused('PROPOSAL_NOT_FOUND', `No proposal ${String(c.proposalId)} on this dispute.`);
  if (proposal.by === c.actor.role) {
    return refused(
      'CANNOT_ACCEPT_OWN_PROPOSAL',
      `Proposal ${proposal.proposalId} is the ${proposal.by.toLowerCase()}'s own.`,
    );
  }
  const current = proposal.by === 'BUYER' ? d.currentBuyerProposal : d.currentSellerProposal;
  if (current?.proposalId !== proposal.proposalId) {
    return refused(
      'PROPOSAL_SUPERSEDED',
      current
        ? `Proposal ${proposal.proposalId} was replaced by ${current.proposalId}.`
        : `Proposal ${proposal.proposalId} is no longer on the table.`,
    );
  }
  if (isExpired(proposal, b.now)) {
    return refused('PROPOSAL_EXPIRED', `Proposal ${proposal.proposalId} expired at ${proposal.expiresAt}.`);
  }
  if (AWAITING_SELLER_STATES.includes(d.status)) return sellerAccepts(b, proposal);
  agree(b, proposal, c.actor.role as Proposer, d.status === 'ESCALATED');
  return null;
}

// --- agreement and its settlement ------------------------------------------------------------------------------

function agreementOf(
  b: EventBuilder,
  p: Proposal,
  acceptedBy: Proposer,
  automatic: boolean,
  afterEscalation: boolean,
): Agreement {
  return {
    proposalId: p.proposalId,
    type: p.type,
    refund: p.refund ?? zero(b.state.paid),
    proposedBy: p.by,
    acceptedBy,
    automatic,
    afterEscalation,
    at: b.at,
  };
}

function agree(b: EventBuilder, p: Proposal, acceptedBy: Proposer, afterEscalation: boolean): void {
  b.emit('dispute.agreed', { agreement: agreementOf(b, p, acceptedBy, false, afterEscalation), deadlines: [] });
  settleAgreement(b);
}

function favourOf(refund: Money, paid: Money): Resolution['inFavourOf'] {
  if (refund.amountMinor === 0) return 'SELLER';
  return refund.amountMinor >= paid.amountMinor ? 'BUYER' : 'SHARED';
}

/** AGREED → RESOLVED (REFUND_ONLY, NO_REFUND, RESEND) or AGREED → AWAITING_RETURN (RETURN_AND_REFUND). */
function settleAgreement(b: EventBuilder): void {
  const a = b.state.agreement as Agreement;
  if (a.type === 'RETURN_AND_REFUND') {
    const returnShipmentDueAt = b.dueAt('RETURN_SHIPMENT');
    b.emit('dispute.return_requested', {
      refund: a.refund,
      returnShipmentDueAt,
      deadlines: [{ kind: 'RETURN_SHIPMENT', dueAt: returnShipmentDueAt }],
    });
    return;
  }
  const refund = a.type === 'REFUND_ONLY' ? a.refund : zero(b.state.paid);
  b.emit('dispute.resolved', {
    resolution: {
      cause: 'AGREEMENT',
      outcome: a.type,
      refund,
      inFavourOf: a.type === 'RESEND' ? 'SHARED' : favourOf(refund, b.state.paid),
      at: b.at,
    },
    deadlines: [],
  });
}

// --- escalation and ruling ---------------------------------------------------------------------------------------

function escalate(b: EventBuilder, by: 'BUYER' | 'SELLER' | 'PLATFORM', cause: EscalationCause): void {
  b.emit('dispute.escalated', {
    escalation: { by, cause, at: b.at },
    deadlines: [{ kind: 'STAFF_RULING_SLA', dueAt: b.dueAt('STAFF_RULING_SLA') }],
  });
}

function escalateByBuyer(b: EventBuilder, c: Escalate): Decision | null {
  const d = b.state;
  const states: DisputeStatus[] = [...AWAITING_SELLER_STATES, 'NEGOTIATING'];
  if (!states.includes(d.status)) return wrongState(d, 'The buyer escalates', states);
  const check = fromCheck(checkBuyerMayEscalate(d, b.now, b.policy, c.tracking ?? d.order));
  if (check) return check;
  escalate(b, 'BUYER', 'BUYER_REQUEST');
  return null;
}

function rule(b: EventBuilder, c: Rule): Decision | null {
  const d = b.state;
  if (d.status !== 'ESCALATED') return wrongState(d, 'Staff rule', ['ESCALATED']);
  if (!RULING_OUTCOMES.includes(c.outcome)) {
    return refused('INVALID_RULING', `A ruling outcome is one of ${RULING_OUTCOMES.join(', ')}.`);
  }
  if (!nonEmpty(c.rationale)) return refused('RATIONALE_REQUIRED');
  const citations: readonly Citation[] = c.citations ?? [];
  if (!Array.isArray(citations) || citations.some((x) => !x || !CITATION_KINDS.includes(x.kind) || !nonEmpty(x.ref))) {
    return refused('INVALID_RULING', `Each citation is { kind: ${CITATION_KINDS.join('|')}, ref }.`);
  }
  let refund: Money;
  switch (c.outcome) {
    case 'SELLER_FAVOUR':
      if (c.refund !== undefined && c.refund.amountMinor !== 0) {
        return refused('REFUND_NOT_ALLOWED', 'A ruling in the seller’s favour refunds nothing.');
      }
      refund = zero(d.paid);
      break;
    case 'PARTIAL_REFUND':
      if (c.refund === undefined) return refused('REFUND_REQUIRED', 'A partial refund names its amount.');
      refund = c.refund;
      break;
    case 'REFUND_BUYER':
    case 'RETURN_AND_REFUND':
      refund = c.refund ?? d.paid;
      break;
  }
  const check = c.outcome === 'SELLER_FAVOUR' ? null : fromCheck(checkRefundLimit(refund, d.paid));
  if (check) return check;
  if (c.outcome === 'REFUND_BUYER' && refund.amountMinor !== d.paid.amountMinor) {
    return refused('INVALID_AMOUNT', 'REFUND_BUYER refunds what was paid; use PARTIAL_REFUND for less.');
  }
  const ruling = {
    outcome: c.outcome,
    refund,
    rationale: c.rationale,
    citations,
    staffId: c.actor.id ?? '',
    at: b.at,
  };
  b.emit('dispute.ruled', { ruling, deadlines: [] });
  b.emit('dispute.resolved', {
    resolution: { cause: 'RULING', outcome: c.outcome, refund, inFavourOf: favourOf(refund, d.paid), at: b.at },
    deadlines: [],
  });
  return null;
}

// --- deadlines ---------------------------------------------------------------------------------------------------

function deadlinePassed(b: EventBuilder, c: DeadlinePassed): Decision | null {
  const d = b.state;
  if ((c.kind as DeadlineKind) === 'STAFF_RULING_SLA') {
    return refused(
      'INVALID_STATE_TRANSITION',
      'The staff ruling SLA flags the case overdue to leads; it does not move the dispute.',
    );
  }
  const deadline = d.deadlines.find((x) => x.kind === c.kind);
  if (!deadline)
    return refused('DEADLINE_NOT_ACTIVE', `No ${String(c.kind)} deadline runs while the dispute is ${d.status}.`);
  if (deadline.dueAt === null) return refused('DEADLINE_PAUSED', `The ${c.kind} deadline is paused.`);
  if (b.now.getTime() < Date.parse(deadline.dueAt)) {
    return refused('DEADLINE_NOT_DUE', `The ${c.kind} deadline passes at ${deadline.dueAt}.`);
  }
  switch (c.kind) {
    case 'SELLER_RESPONSE': {
      // AWAITING_SELLER → AGREED: the buyer's proposal as asked, unless the buyer's own offer has expired.
      const p = d.currentBuyerProposal;
      if (!p) return refused('PROPOSAL_NOT_FOUND', 'There is no buyer proposal to accept.');
      if (isExpired(p, b.now)) {
        return refused(
          'PROPOSAL_EXPIRED',
          `The buyer's proposal expired at ${p.expiresAt}; it cannot be accepted automatically.`,
        );
      }
      b.emit('dispute.auto_accepted', {
        agreement: agreementOf(b, p, 'PLATFORM', true, false),
        deadline: { kind: 'SELLER_RESPONSE', dueAt: deadline.dueAt },
        deadlines: [],
      });
      settleAgreement(b);
      return null;
    }
    case 'PLATFORM_INTERVENTION':
      escalate(b, 'PLATFORM', 'INTERVENTION_DEADLINE');
      return null;
    case 'RETURN_SHIPMENT':
      // The buyer never shipped the return: funds released to the seller.
      b.emit('dispute.resolved', {
        resolution: {
          cause: 'RETURN_SHIPMENT_DEADLINE',
          outcome: 'SELLER_FAVOUR',
          refund: zero(d.paid),
          inFavourOf: 'SELLER',
          at: b.at,
        },
        deadlines: [],
      });
      return null;
    case 'RETURN_RECEIPT':
      resolveReturnRefunded(b, 'RETURN_RECEIPT_DEADLINE');
      return null;
    default:
      return refused('DEADLINE_NOT_ACTIVE', `"${String(c.kind)}" is not a deadline kind.`);
  }
}

function resolveReturnRefunded(b: EventBuilder, cause: 'RETURN_RECEIVED' | 'RETURN_RECEIPT_DEADLINE'): void {
  const refund = (b.state.agreement as Agreement).refund;
  b.emit('dispute.resolved', {
    resolution: { cause, outcome: 'RETURN_AND_REFUND', refund, inFavourOf: favourOf(refund, b.state.paid), at: b.at },
    deadlines: [],
  });
}

function adjustDeadline(b: EventBuilder, c: AdjustDeadline): Decision | null {
  const d = b.state;
  if (!DEADLINE_REASON_CODES.includes(c.reasonCode)) return refused('INVALID_REASON_CODE');
  const deadline = d.deadlines.find((x) => x.kind === c.kind);
  if (!deadline)
    return refused('DEADLINE_NOT_ACTIVE', `No ${String(c.kind)} deadline runs while the dispute is ${d.status}.`);
  const nowMs = b.now.getTime();
  let next: ActiveDeadline;
  switch (c.action) {
    case 'EXTEND': {
      if (deadline.dueAt === null) return refused('DEADLINE_PAUSED', 'Resume a paused deadline before extending it.');
      if (!isInstantString(c.until))
        return refused('INVALID_DEADLINE_ADJUSTMENT', '`until` must be an RFC 3339 instant.');
      const until = Date.parse(c.until);
      if (until <= Date.parse(deadline.dueAt) || until <= nowMs) {
        return refused(
          'INVALID_DEADLINE_ADJUSTMENT',
          `An extension moves the deadline later than ${deadline.dueAt} and now.`,
        );
      }
      next = { kind: c.kind, dueAt: new Date(until).toISOString() };
      break;
    }
    case 'PAUSE': {
      if (deadline.dueAt === null) return refused('INVALID_DEADLINE_ADJUSTMENT', 'The deadline is already paused.');
      const dueMs = Date.parse(deadline.dueAt);
      if (nowMs >= dueMs) return refused('DEADLINE_ALREADY_PASSED', `The deadline passed at ${deadline.dueAt}.`);
      next = { kind: c.kind, dueAt: null, remainingMs: dueMs - nowMs };
      break;
    }
    case 'RESUME': {
      if (deadline.dueAt !== null || deadline.remainingMs === undefined) {
        return refused('INVALID_DEADLINE_ADJUSTMENT', 'Only a paused deadline resumes.');
      }
      next = { kind: c.kind, dueAt: new Date(nowMs + deadline.remainingMs).toISOString() };
      break;
    }
    default:
      return refused('INVALID_DEADLINE_ADJUSTMENT', 'A deadline is extended, paused or resumed.');
  }
  const adjustment = {
    action: c.action,
    reasonCode: c.reasonCode,
    ...(c.note !== undefined ? { note: c.note } : {}),
    at: b.at,
  };
  const adjusted: ActiveDeadline = { ...next, adjustments: [...(deadline.adjustments ?? []), adjustment] };
  b.emit('dispute.deadline_adjusted', {
    kind: c.kind,
    previousDueAt: deadline.dueAt,
    dueAt: adjusted.dueAt,
    adjustment,
    deadlines: d.deadlines.map((x) => (x.kind === c.kind ? adjusted : x)),
  });
  return null;
}

// --- returns -----------------------------------------------------------------------------------------------------

function shipReturn(b: EventBuilder, c: ShipReturn): Decision | null {
  const d = b.state;
  if (d.status !== 'AWAITING_RETURN') return wrongState(d, 'The buyer ships the return', ['AWAITING_RETURN']);
  if (!nonEmpty(c.carrier) || !nonEmpty(c.trackingNumber)) return refused('TRACKING_REQUIRED');
  const due = d.deadlines.find((x) => x.kind === 'RETURN_SHIPMENT')?.dueAt;
  if (due && b.now.getTime() >= Date.parse(due)) {
    return refused('DEADLINE_ALREADY_PASSED', `The return had to be shipped by ${due}; the funds go to the seller.`);
  }
  const returnReceiptDueAt = b.dueAt('RETURN_RECEIPT');
  b.emit('dispute.return_shipped', {
    carrier: c.carrier,
    trackingNumber: c.trackingNumber,
    returnReceiptDueAt,
    deadlines: [{ kind: 'RETURN_RECEIPT', dueAt: returnReceiptDueAt }],
  });
  return null;
}

function confirmReturnReceipt(b: EventBuilder, c: ConfirmReturnReceipt): Decision | null {
  const d = b.state;
  if (d.status !== 'RETURN_IN_TRANSIT') return wrongState(d, 'The seller confirms the return', ['RETURN_IN_TRANSIT']);
  if (!RETURN_CONDITIONS.includes(c.condition)) return refused('INVALID_RETURN_CONDITION');
  const received = { condition: c.condition, ...(c.note !== undefined ? { note: c.note } : {}), deadlines: [] };
  if (c.condition === 'AS_EXPECTED') {
    // RETURN_IN_TRANSIT → RESOLVED: the buyer is refunded what was agreed.
    b.emit('dispute.return_received', received);
    resolveReturnRefunded(b, 'RETURN_RECEIVED');
    return null;
  }
  const due = d.deadlines.find((x) => x.kind === 'RETURN_RECEIPT')?.dueAt;
  if (due && b.now.getTime() >= Date.parse(due)) {
    return refused('DEADLINE_ALREADY_PASSED', `A problem with the return had to be reported by ${due}.`);
  }
  // RETURN_IN_TRANSIT → ESCALATED: the seller reports a problem with the return.
  b.emit('dispute.return_received', received);
  escalate(b, 'SELLER', 'RETURN_PROBLEM');
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers for the owner service

/** The `dispute.command_rejected` notification for a refused command (not part of the history; version unchanged). */
export function commandRejected(
  dispute: Dispute,
  command: DisputeCommand,
  rejection: Rejection,
  now: Date,
): CommandRejected {
  assertInstant(now, 'now');
  return {
    type: 'dispute.command_rejected',
    disputeId: dispute.id,
    version: dispute.version,
    at: now.toISOString(),
    data: {
      commandType: String(command.type),
      ...(command.commandId !== undefined ? { commandId: command.commandId } : {}),
      expectedVersion: command.expectedVersion,
      rejection,
    },
  };
}

/** What a party may still do now (the "actions still open" a reminder lists). */
export function openActions(dispute: Dispute, party: 'BUYER' | 'SELLER', now: Date, policy: Policy): string[] {
  const d = dispute;
  if (isTerminal(d.status)) return [];
  const actions: string[] = [];
  const other = party === 'BUYER' ? d.currentSellerProposal : d.currentBuyerProposal;
  const canAccept = other !== null && !isExpired(other, now);
  if (AWAITING_SELLER_STATES.includes(d.status)) {
    if (party === 'SELLER') actions.push(...(canAccept ? ['ACCEPT'] : []), 'REJECT_WITH_COUNTER_PROPOSAL');
  } else if (d.status === 'NEGOTIATING' || d.status === 'ESCALATED') {
    if (canAccept) actions.push('ACCEPT_PROPOSAL');
    actions.push('SUBMIT_PROPOSAL');
  } else if (d.status === 'AWAITING_RETURN' && party === 'BUYER') {
    actions.push('SHIP_RETURN');
  } else if (d.status === 'RETURN_IN_TRANSIT' && party === 'SELLER') {
    actions.push('CONFIRM_RETURN_RECEIPT');
  }
  if (party === 'BUYER') {
    if (
      (AWAITING_SELLER_STATES.includes(d.status) || d.status === 'NEGOTIATING') &&
      checkBuyerMayEscalate(d, now, policy).ok
    ) {
      actions.push('ESCALATE');
    }
    actions.push('CANCEL');
  }
  return actions;
}
