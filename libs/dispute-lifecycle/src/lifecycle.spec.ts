import type { DisputeCommand } from './commands';
import type { Dispute, DisputeStatus } from './domain';
import type { DomainEvent } from './events';
import {
  commandRejected,
  decide,
  evolve,
  InvalidEventError,
  isLifecycleArrow,
  LIFECYCLE_ARROWS,
  open,
  openActions,
  replay,
} from './lifecycle';
import { DEFAULT_POLICY, parsePolicy } from './policy';
import { REJECTION_TYPES, rejectionCategory, type RejectionType } from './rejections';
import {
  apply,
  at,
  BUYER,
  DAY,
  HOUR,
  opened,
  openInput,
  refusal,
  SELLER,
  STAFF,
  SYSTEM,
  T0,
  types,
  usd,
} from './spec-fixtures';

/** Every refusal type a test in this file produced; checked against the full list at the end. */
const seen = new Set<RejectionType>();
function refused(
  d: Dispute,
  command: Parameters<typeof refusal>[1],
  now: Date,
  type: RejectionType,
  policy = DEFAULT_POLICY,
) {
  const r = refusal(d, command, now, policy);
  seen.add(r.type);
  expect(r.type).toBe(type);
  expect(r.detail.length).toBeGreaterThan(10);
  return r;
}
function openRefused(input: Parameters<typeof openInput>[0], type: RejectionType, now = T0) {
  const r = open(openInput(input), now, DEFAULT_POLICY);
  if (r.ok) throw new Error('opened unexpectedly');
  seen.add(r.rejection.type);
  expect(r.rejection.type).toBe(type);
  return r.rejection;
}

const counter = (amountMinor: number, extra: Record<string, unknown> = {}) => ({
  type: 'REFUND_ONLY' as const,
  refund: usd(amountMinor),
  ...extra,
});
const returnAsked = () => opened({ requested: { type: 'RETURN_AND_REFUND', refund: usd(5_000) } });

/** AWAITING_SELLER → NEGOTIATING with a seller counter of 10.00 USD (proposal D-1:P2) one hour after opening. */
function negotiating(d = opened()) {
  return apply(
    d,
    { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(1_000), message: 'Sorry!' },
    at(HOUR),
  ).state;
}
function escalated(d = opened()) {
  return apply(d, { type: 'ESCALATE', actor: BUYER }, at(4 * DAY)).state;
}
function awaitingReturn() {
  return apply(returnAsked(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR)).state;
}
function returnInTransit() {
  return apply(
    awaitingReturn(),
    { type: 'SHIP_RETURN', actor: BUYER, carrier: 'UPS', trackingNumber: '1Z999' },
    at(2 * DAY),
  ).state;
}
const deadlines = (d: Dispute) => Object.fromEntries(d.deadlines.map((x) => [x.kind, x.dueAt]));
const iso = (ms: number) => new Date(ms).toISOString();

describe('open', () => {
  it('opens AWAITING_SELLER at version 1 with the buyer’s ask as proposal 1 and both clocks running', () => {
    const result = open(openInput(), T0, DEFAULT_POLICY);
    if (!result.ok) throw new Error(result.rejection.detail);
    expect(types(result.events)).toEqual(['dispute.opened']);
    const d = result.dispute;
    expect(d).toMatchObject({
      id: 'D-1',
      status: 'AWAITING_SELLER',
      version: 1,
      paid: usd(5_000),
      openedAt: T0.toISOString(),
    });
    expect(d.currentBuyerProposal).toEqual({
      proposalId: 'D-1:P1',
      by: 'BUYER',
      type: 'REFUND_ONLY',
      refund: usd(2_000),
      submittedAt: T0.toISOString(),
      round: 1,
    });
    expect(deadlines(d)).toEqual({
      SELLER_RESPONSE: iso(T0.getTime() + 5 * DAY),
      PLATFORM_INTERVENTION: iso(T0.getTime() + 7 * DAY),
    });
  });

  it('takes every reason with one of its own sub-reasons, and NOT_RECEIVED without evidence', () => {
    expect(opened({ reason: 'SELLER_REFUSED_SALE', subReason: 'ASKED_FOR_MORE_MONEY', evidence: [] }).reason).toBe(
      'SELLER_REFUSED_SALE',
    );
    expect(opened({ reason: 'BUYER_REASON', subReason: 'NO_LONGER_NEEDED', evidence: [] }).subReason).toBe(
      'NO_LONGER_NEEDED',
    );
    openRefused({ reason: 'SELLER_REFUSED_SALE', subReason: null, evidence: [] }, 'INVALID_SUB_REASON');
    expect(opened({ reason: 'NOT_RECEIVED', subReason: 'CUSTOMS_HELD', evidence: [] }).subReason).toBe('CUSTOMS_HELD');
  });

  it('refuses each rule of a new dispute', () => {
    openRefused({ reason: 'LOST' as never }, 'UNKNOWN_REASON');
    openRefused({ subReason: 'CUSTOMS_HELD' }, 'INVALID_SUB_REASON');
    openRefused({ subReason: null }, 'INVALID_SUB_REASON');
    openRefused({ reason: 'BUYER_REASON', subReason: 'QUALITY' }, 'INVALID_SUB_REASON');
    openRefused({ evidence: [] }, 'EVIDENCE_REQUIRED');
    openRefused({ evidence: [{ kind: 'TRACKING', url: 'https://t.example/1' }] }, 'EVIDENCE_REQUIRED');
    openRefused({ evidence: [{ kind: 'PHOTO', url: 'ftp://x' }] }, 'INVALID_EVIDENCE');
    openRefused({ evidence: [{ kind: 'SELFIE' as never, url: 'https://x.example' }] }, 'INVALID_EVIDENCE');
    openRefused({ requested: { type: 'RESEND' as never, refund: usd(1) } }, 'INVALID_REQUESTED_TYPE');
    openRefused({ requested: { type: 'REFUND_ONLY', refund: usd(5_001) } }, 'REFUND_ABOVE_PAID');
    openRefused(
      { requested: { type: 'REFUND_ONLY', refund: { amountMinor: 100, currency: 'EUR' } } },
      'CURRENCY_MISMATCH',
    );
    openRefused({ requested: { type: 'REFUND_ONLY', refund: usd(0) } }, 'INVALID_AMOUNT');
    openRefused({ order: { ...openInput().order, amount: { amountMinor: 5, currency: 'ZZZ' } } }, 'UNKNOWN_CURRENCY');
    openRefused({ order: { ...openInput().order, amount: usd(10.5) } }, 'INVALID_AMOUNT');
    openRefused({ order: { ...openInput().order, paidAt: 'yesterday' } }, 'INVALID_ORDER');
    openRefused({ order: { ...openInput().order, shippedAt: '2026-01-01T00:00:00Z' } }, 'INVALID_ORDER');
    openRefused({ order: { ...openInput().order, sellerCountry: 'China' } }, 'INVALID_ORDER');
    openRefused({ order: { ...openInput().order, promisedDeliveryDays: -1 } }, 'INVALID_ORDER');
    openRefused({ order: { ...openInput().order, trackingStatus: 'LOST' as never } }, 'INVALID_ORDER');
    openRefused({ buyerId: '' }, 'INVALID_ORDER');
    openRefused({}, 'DISPUTE_WINDOW_NOT_OPEN', new Date('2026-02-22T08:59:59.999Z'));
    openRefused({}, 'DISPUTE_WINDOW_CLOSED', new Date('2026-03-09T09:00:00.000Z'));
    expect(open(openInput(), new Date('2026-02-22T09:00:00.000Z'), DEFAULT_POLICY).ok).toBe(true);
    expect(open(openInput(), new Date('2026-03-09T08:59:59.999Z'), DEFAULT_POLICY).ok).toBe(true);
  });

  it('takes JPY and KWD orders with their own minor units', () => {
    const jpy = { ...openInput().order, amount: { amountMinor: 1500, currency: 'JPY' } };
    expect(
      opened({ order: jpy, requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1500, currency: 'JPY' } } }).paid,
    ).toEqual({ amountMinor: 1500, currency: 'JPY' });
    openRefused(
      { order: jpy, requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1501, currency: 'JPY' } } },
      'REFUND_ABOVE_PAID',
    );
    const kwd = { ...openInput().order, amount: { amountMinor: 1250, currency: 'KWD' } };
    openRefused(
      { order: kwd, requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1251, currency: 'KWD' } } },
      'REFUND_ABOVE_PAID',
    );
  });
});

describe('the arrows of the lifecycle', () => {
  it('AWAITING_SELLER → AGREED → RESOLVED: the seller accepts the buyer’s REFUND_ONLY as asked', () => {
    const { state, events } = apply(opened(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR));
    expect(types(events)).toEqual(['dispute.seller_responded', 'dispute.agreed', 'dispute.resolved']);
    expect(events.map((e) => e.version)).toEqual([2, 3, 4]);
    expect(events[0]?.data).toMatchObject({ action: 'ACCEPT', withinDeadline: true });
    expect(state.agreement).toMatchObject({
      proposalId: 'D-1:P1',
      refund: usd(2_000),
      acceptedBy: 'SELLER',
      automatic: false,
    });
    expect(state).toMatchObject({
      status: 'RESOLVED',
      version: 4,
      deadlines: [],
      sellerFirstRespondedAt: at(HOUR).toISOString(),
    });
    expect(state.resolution).toEqual({
      cause: 'AGREEMENT',
      outcome: 'REFUND_ONLY',
      refund: usd(2_000),
      inFavourOf: 'SHARED',
      at: at(HOUR).toISOString(),
    });
  });

  it('AWAITING_SELLER → AGREED → AWAITING_RETURN: the seller accepts a RETURN_AND_REFUND (by proposal id)', () => {
    const { state, events } = apply(
      returnAsked(),
      { type: 'ACCEPT_PROPOSAL', actor: SELLER, proposalId: 'D-1:P1' },
      at(HOUR),
    );
    expect(types(events)).toEqual(['dispute.seller_responded', 'dispute.agreed', 'dispute.return_requested']);
    expect(state.status).toBe('AWAITING_RETURN');
    expect(deadlines(state)).toEqual({ RETURN_SHIPMENT: iso(T0.getTime() + HOUR + 10 * DAY) });
  });

  it('AWAITING_SELLER → NEGOTIATING: the seller rejects with a counter-proposal; the seller clock stops', () => {
    const { state, events } = apply(
      opened(),
      { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(1_000), message: 'Sorry' },
      at(HOUR),
    );
    expect(types(events)).toEqual(['dispute.seller_responded']);
    expect(events[0]?.data).toMatchObject({ action: 'REJECT', message: 'Sorry', withinDeadline: true });
    expect(state.status).toBe('NEGOTIATING');
    expect(state.currentSellerProposal).toMatchObject({
      proposalId: 'D-1:P2',
      by: 'SELLER',
      round: 1,
      refund: usd(1_000),
    });
    expect(state.currentBuyerProposal?.proposalId).toBe('D-1:P1');
    expect(deadlines(state)).toEqual({ PLATFORM_INTERVENTION: iso(T0.getTime() + 7 * DAY) });
  });

  it('AWAITING_SELLER → NEGOTIATING: a seller’s proposal while awaiting the seller is its counter', () => {
    const { state, events } = apply(
      opened(),
      { type: 'SUBMIT_PROPOSAL', actor: SELLER, proposal: { type: 'RESEND', proposalId: 'seller-offer-1' } },
      at(HOUR),
    );
    expect(types(events)).toEqual(['dispute.seller_responded']);
    expect(state.status).toBe('NEGOTIATING');
    expect(state.currentSellerProposal).toMatchObject({ proposalId: 'seller-offer-1', type: 'RESEND' });
  });

  it('NEGOTIATING → AWAITING_SELLER: the buyer modifies the proposal and the seller clock restarts', () => {
    const now = at(2 * DAY);
    const { state, events } = apply(
      negotiating(),
      { type: 'SUBMIT_PROPOSAL', actor: BUYER, proposal: counter(1_500) },
      now,
    );
    expect(types(events)).toEqual(['dispute.proposal_submitted']);
    expect(events[0]?.data).toMatchObject({
      sellerClockRestarted: true,
      sellerResponseDueAt: iso(now.getTime() + 5 * DAY),
    });
    expect(state.status).toBe('AWAITING_SELLER');
    expect(state.round).toBe(2);
    expect(state.currentBuyerProposal).toMatchObject({ proposalId: 'D-1:P3', round: 2, refund: usd(1_500) });
    expect(state.currentSellerProposal).toBeNull();
    expect(deadlines(state)).toEqual({
      PLATFORM_INTERVENTION: iso(T0.getTime() + 7 * DAY),
      SELLER_RESPONSE: iso(now.getTime() + 5 * DAY),
    });
  });

  it('NEGOTIATING → NEGOTIATING: the seller makes another counter-offer; rounds are kept in order', () => {
    const first = negotiating();
    const { state } = apply(first, { type: 'SUBMIT_PROPOSAL', actor: SELLER, proposal: counter(1_200) }, at(2 * HOUR));
    expect(state.status).toBe('NEGOTIATING');
    expect(state.proposals.map((p) => [p.proposalId, p.by, p.round])).toEqual([
      ['D-1:P1', 'BUYER', 1],
      ['D-1:P2', 'SELLER', 1],
      ['D-1:P3', 'SELLER', 1],
    ]);
    expect(state.currentSellerProposal?.proposalId).toBe('D-1:P3');
  });

  it.each([
    ['REFUND_ONLY', usd(1_000), 'RESOLVED', 'SHARED'],
    ['NO_REFUND', undefined, 'RESOLVED', 'SELLER'],
    ['RESEND', undefined, 'RESOLVED', 'SHARED'],
    ['RETURN_AND_REFUND', usd(5_000), 'AWAITING_RETURN', undefined],
  ] as const)('NEGOTIATING → AGREED: the buyer accepts the seller’s %s', (type, refund, status, favour) => {
    const d = apply(
      opened(),
      { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: { type, refund } },
      at(HOUR),
    ).state;
    const { state, events } = apply(d, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' }, at(DAY));
    expect(types(events)[0]).toBe('dispute.agreed');
    expect(state.status).toBe(status);
    expect(state.agreement).toMatchObject({
      type,
      proposedBy: 'SELLER',
      acceptedBy: 'BUYER',
      refund: refund ?? usd(0),
    });
    if (favour) expect(state.resolution?.inFavourOf).toBe(favour);
  });

  it('NEGOTIATING → AGREED: the seller accepts the buyer’s proposal after all', () => {
    const { state, events } = apply(
      negotiating(),
      { type: 'ACCEPT_PROPOSAL', actor: SELLER, proposalId: 'D-1:P1' },
      at(DAY),
    );
    expect(types(events)).toEqual(['dispute.agreed', 'dispute.resolved']);
    expect(state.resolution?.refund).toEqual(usd(2_000));
  });

  it('AWAITING_SELLER → AGREED (auto): the seller deadline passes, the buyer’s proposal is accepted as asked', () => {
    const due = T0.getTime() + 5 * DAY;
    const d = opened();
    refused(
      d,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      new Date(due - 1),
      'DEADLINE_NOT_DUE',
    );
    const { state, events } = apply(
      d,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      new Date(due),
    );
    expect(types(events)).toEqual(['dispute.auto_accepted', 'dispute.resolved']);
    expect(events[0]?.data).toMatchObject({ deadline: { kind: 'SELLER_RESPONSE', dueAt: iso(due) } });
    expect(state.agreement).toMatchObject({ acceptedBy: 'PLATFORM', automatic: true, refund: usd(2_000) });
    const ret = apply(
      returnAsked(),
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      new Date(due + 1),
    );
    expect(types(ret.events)).toEqual(['dispute.auto_accepted', 'dispute.return_requested']);
  });

  it('AWAITING_SELLER → ESCALATED: the intervention deadline passes at the end of the 7th day, not before', () => {
    const due = T0.getTime() + 7 * DAY;
    // Keep the dispute awaiting the seller past day 5: the seller clock was paused for a customs hold.
    const paused = apply(
      opened(),
      { type: 'ADJUST_DEADLINE', actor: STAFF, kind: 'SELLER_RESPONSE', action: 'PAUSE', reasonCode: 'CUSTOMS_HOLD' },
      at(DAY),
    ).state;
    refused(
      paused,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'PLATFORM_INTERVENTION' },
      new Date(due - 1),
      'DEADLINE_NOT_DUE',
    );
    const { state, events } = apply(
      paused,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'PLATFORM_INTERVENTION' },
      new Date(due),
    );
    expect(types(events)).toEqual(['dispute.escalated']);
    expect(state).toMatchObject({
      status: 'ESCALATED',
      escalatedAt: iso(due),
      escalation: { by: 'PLATFORM', cause: 'INTERVENTION_DEADLINE' },
    });
    expect(deadlines(state)).toEqual({ STAFF_RULING_SLA: iso(due + 2 * DAY) });
  });

  it('with a calendar-day policy the intervention waits for the end of the 7th day in the zone', () => {
    const policy = parsePolicy({ platformIntervention: { duration: 'P7D', endOfDayIn: 'UTC' } }, DEFAULT_POLICY);
    const d = opened({}, T0, policy);
    expect(deadlines(d).PLATFORM_INTERVENTION).toBe('2026-03-10T00:00:00.000Z');
  });

  it('NEGOTIATING → ESCALATED: the intervention deadline passes', () => {
    const { state } = apply(
      negotiating(),
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'PLATFORM_INTERVENTION' },
      at(7 * DAY),
    );
    expect(state.status).toBe('ESCALATED');
  });

  it('AWAITING_SELLER|NEGOTIATING → ESCALATED: the buyer escalates inside the window', () => {
    for (const d of [opened(), negotiating()]) {
      refused(d, { type: 'ESCALATE', actor: BUYER }, at(4 * DAY - 1), 'ESCALATION_TOO_EARLY');
      const { state, events } = apply(d, { type: 'ESCALATE', actor: BUYER }, at(4 * DAY));
      expect(types(events)).toEqual(['dispute.escalated']);
      expect(state.escalation).toEqual({ by: 'BUYER', cause: 'BUYER_REQUEST', at: at(4 * DAY).toISOString() });
    }
    refused(negotiating(), { type: 'ESCALATE', actor: BUYER }, at(15 * DAY), 'ESCALATION_WINDOW_CLOSED');
  });

  it('refuses a NOT_RECEIVED escalation while the parcel is in transit within the promised time', () => {
    const d = opened({
      reason: 'NOT_RECEIVED',
      subReason: 'NO_TRACKING_UPDATE',
      evidence: [],
      order: { ...openInput().order, promisedDeliveryDays: 30, trackingStatus: 'IN_TRANSIT', deliveredAt: undefined },
    });
    refused(d, { type: 'ESCALATE', actor: BUYER }, at(5 * DAY), 'NOT_RECEIVED_IN_TRANSIT');
    // The owner knows newer tracking: the parcel came back to the sender.
    expect(
      apply(d, { type: 'ESCALATE', actor: BUYER, tracking: { trackingStatus: 'RETURNED_TO_SENDER' } }, at(5 * DAY))
        .state.status,
    ).toBe('ESCALATED');
  });

  it('ESCALATED → AGREED: the parties still agree after escalation (and may keep proposing)', () => {
    const e = escalated(negotiating());
    const offered = apply(e, { type: 'SUBMIT_PROPOSAL', actor: SELLER, proposal: counter(1_800) }, at(5 * DAY));
    expect(offered.state.status).toBe('ESCALATED');
    expect(types(offered.events)).toEqual(['dispute.proposal_submitted']);
    const { state, events } = apply(
      offered.state,
      { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P3' },
      at(5 * DAY + HOUR),
    );
    expect(types(events)).toEqual(['dispute.agreed', 'dispute.resolved']);
    expect(state.agreement).toMatchObject({ afterEscalation: true, refund: usd(1_800) });
    const buyerOffer = apply(e, { type: 'SUBMIT_PROPOSAL', actor: BUYER, proposal: counter(1_900) }, at(5 * DAY));
    expect(buyerOffer.state).toMatchObject({ status: 'ESCALATED', round: 2 });
  });

  it.each([
    ['REFUND_BUYER', undefined, usd(5_000), 'BUYER'],
    ['PARTIAL_REFUND', usd(2_500), usd(2_500), 'SHARED'],
    ['RETURN_AND_REFUND', undefined, usd(5_000), 'BUYER'],
    ['SELLER_FAVOUR', undefined, usd(0), 'SELLER'],
  ] as const)('ESCALATED → RESOLVED: staff rule %s (final)', (outcome, refund, expected, favour) => {
    const { state, events } = apply(
      escalated(),
      {
        type: 'RULE',
        actor: STAFF,
        outcome,
        refund,
        rationale: 'Photos show the defect.',
        citations: [{ kind: 'EVIDENCE', ref: 'ev-1' }],
      },
      at(5 * DAY),
    );
    expect(types(events)).toEqual(['dispute.ruled', 'dispute.resolved']);
    expect(state.ruling).toMatchObject({
      outcome,
      refund: expected,
      staffId: 'staff-7',
      citations: [{ kind: 'EVIDENCE', ref: 'ev-1' }],
    });
    expect(state.resolution).toMatchObject({ cause: 'RULING', outcome, refund: expected, inFavourOf: favour });
    refused(
      state,
      { type: 'RULE', actor: STAFF, outcome: 'SELLER_FAVOUR', rationale: 'again' },
      at(6 * DAY),
      'TERMINAL_STATE',
    );
  });

  it('AWAITING_RETURN → RETURN_IN_TRANSIT: the buyer ships the return; the receipt clock starts', () => {
    const { state, events } = apply(
      awaitingReturn(),
      { type: 'SHIP_RETURN', actor: BUYER, carrier: 'UPS', trackingNumber: '1Z999' },
      at(2 * DAY),
    );
    expect(types(events)).toEqual(['dispute.return_shipped']);
    expect(state.status).toBe('RETURN_IN_TRANSIT');
    expect(state.returnShipment).toEqual({
      carrier: 'UPS',
      trackingNumber: '1Z999',
      shippedAt: at(2 * DAY).toISOString(),
    });
    expect(deadlines(state)).toEqual({ RETURN_RECEIPT: iso(T0.getTime() + 17 * DAY) });
  });

  it('AWAITING_RETURN → RESOLVED (seller’s favour): the return-shipment deadline passes', () => {
    const d = awaitingReturn();
    const due = T0.getTime() + HOUR + 10 * DAY;
    refused(
      d,
      { type: 'SHIP_RETURN', actor: BUYER, carrier: 'UPS', trackingNumber: '1Z' },
      new Date(due),
      'DEADLINE_ALREADY_PASSED',
    );
    expect(
      apply(d, { type: 'SHIP_RETURN', actor: BUYER, carrier: 'UPS', trackingNumber: '1Z' }, new Date(due - 1)).state
        .status,
    ).toBe('RETURN_IN_TRANSIT');
    const { state, events } = apply(
      d,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'RETURN_SHIPMENT' },
      new Date(due),
    );
    expect(types(events)).toEqual(['dispute.resolved']);
    expect(state.resolution).toMatchObject({
      cause: 'RETURN_SHIPMENT_DEADLINE',
      outcome: 'SELLER_FAVOUR',
      refund: usd(0),
      inFavourOf: 'SELLER',
    });
  });

  it('RETURN_IN_TRANSIT → RESOLVED: the seller confirms receipt AS_EXPECTED; the buyer is refunded', () => {
    const { state, events } = apply(
      returnInTransit(),
      { type: 'CONFIRM_RETURN_RECEIPT', actor: SELLER, condition: 'AS_EXPECTED' },
      at(5 * DAY),
    );
    expect(types(events)).toEqual(['dispute.return_received', 'dispute.resolved']);
    expect(state.returnShipment).toMatchObject({ receivedAt: at(5 * DAY).toISOString(), condition: 'AS_EXPECTED' });
    expect(state.resolution).toMatchObject({ cause: 'RETURN_RECEIVED', refund: usd(5_000), inFavourOf: 'BUYER' });
  });

  it('RETURN_IN_TRANSIT → RESOLVED: the receipt deadline passes; the buyer is refunded automatically', () => {
    const due = T0.getTime() + 17 * DAY;
    const d = returnInTransit();
    refused(
      d,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'RETURN_RECEIPT' },
      new Date(due - 1),
      'DEADLINE_NOT_DUE',
    );
    const { state } = apply(d, { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'RETURN_RECEIPT' }, new Date(due));
    expect(state.resolution).toMatchObject({ cause: 'RETURN_RECEIPT_DEADLINE', refund: usd(5_000) });
    refused(
      d,
      { type: 'CONFIRM_RETURN_RECEIPT', actor: SELLER, condition: 'DAMAGED' },
      new Date(due),
      'DEADLINE_ALREADY_PASSED',
    );
  });

  it.each(['DAMAGED', 'EMPTY_OR_DIFFERENT', 'MISSING_ITEMS'] as const)(
    'RETURN_IN_TRANSIT → ESCALATED: the seller reports the return %s',
    (condition) => {
      const { state, events } = apply(
        returnInTransit(),
        { type: 'CONFIRM_RETURN_RECEIPT', actor: SELLER, condition, note: 'box empty' },
        at(5 * DAY),
      );
      expect(types(events)).toEqual(['dispute.return_received', 'dispute.escalated']);
      expect(state.escalation).toMatchObject({ by: 'SELLER', cause: 'RETURN_PROBLEM' });
      expect(state.returnShipment).toMatchObject({ condition, note: 'box empty' });
      expect(Object.keys(deadlines(state))).toEqual(['STAFF_RULING_SLA']);
    },
  );

  it('any open state → CANCELLED: the buyer withdraws', () => {
    const agreedOnly = (() => {
      const { events } = apply(opened(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR));
      return events.slice(0, 2).reduce(evolve, opened());
    })();
    const states: Dispute[] = [
      opened(),
      { ...opened(), status: 'OPENED' },
      negotiating(),
      escalated(),
      agreedOnly,
      awaitingReturn(),
      returnInTransit(),
    ];
    expect(states.map((s) => s.status)).toEqual([
      'AWAITING_SELLER',
      'OPENED',
      'NEGOTIATING',
      'ESCALATED',
      'AGREED',
      'AWAITING_RETURN',
      'RETURN_IN_TRANSIT',
    ]);
    for (const d of states) {
      const { state, events } = apply(
        d,
        { type: 'CANCEL', actor: BUYER, reason: 'resolved with the seller by chat' },
        at(5 * DAY),
      );
      expect(types(events)).toEqual(['dispute.cancelled']);
      expect(state).toMatchObject({
        status: 'CANCELLED',
        deadlines: [],
        cancellation: { by: 'BUYER', reason: 'resolved with the seller by chat' },
      });
    }
  });

  it('AGREED → RESOLVED / AWAITING_RETURN also on SETTLE_AGREEMENT, for a history that stopped at AGREED', () => {
    const { events } = apply(returnAsked(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR));
    const agreed = events.slice(0, 2).reduce(evolve, returnAsked());
    expect(agreed.status).toBe('AGREED');
    const { state } = apply(agreed, { type: 'SETTLE_AGREEMENT', actor: SYSTEM }, at(2 * HOUR));
    expect(state.status).toBe('AWAITING_RETURN');
    refused(opened(), { type: 'SETTLE_AGREEMENT', actor: SYSTEM }, at(HOUR), 'INVALID_STATE_TRANSITION');
  });

  it('a seller recorded as OPENED is treated as awaiting the seller', () => {
    const d: Dispute = { ...opened(), status: 'OPENED' };
    expect(apply(d, { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR)).state.status).toBe(
      'RESOLVED',
    );
  });
});

describe('deadline adjustments (dispute.deadline_adjusted)', () => {
  it('extends, pauses and resumes a running deadline with its reason code', () => {
    const d = opened();
    const until = iso(T0.getTime() + 9 * DAY);
    const ext = apply(
      d,
      {
        type: 'ADJUST_DEADLINE',
        actor: STAFF,
        kind: 'SELLER_RESPONSE',
        action: 'EXTEND',
        until,
        reasonCode: 'CARRIER_EXCEPTION',
        note: 'carrier strike',
      },
      at(DAY),
    );
    expect(types(ext.events)).toEqual(['dispute.deadline_adjusted']);
    expect(ext.events[0]?.data).toMatchObject({
      kind: 'SELLER_RESPONSE',
      previousDueAt: iso(T0.getTime() + 5 * DAY),
      dueAt: until,
    });
    expect(ext.state.status).toBe('AWAITING_SELLER');

    const paused = apply(
      d,
      { type: 'ADJUST_DEADLINE', actor: SYSTEM, kind: 'SELLER_RESPONSE', action: 'PAUSE', reasonCode: 'CUSTOMS_HOLD' },
      at(DAY),
    ).state;
    expect(paused.deadlines.find((x) => x.kind === 'SELLER_RESPONSE')).toMatchObject({
      dueAt: null,
      remainingMs: 4 * DAY,
    });
    refused(
      paused,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      at(6 * DAY),
      'DEADLINE_PAUSED',
    );
    refused(
      paused,
      {
        type: 'ADJUST_DEADLINE',
        actor: STAFF,
        kind: 'SELLER_RESPONSE',
        action: 'EXTEND',
        until,
        reasonCode: 'CUSTOMS_HOLD',
      },
      at(2 * DAY),
      'DEADLINE_PAUSED',
    );
    refused(
      paused,
      { type: 'ADJUST_DEADLINE', actor: STAFF, kind: 'SELLER_RESPONSE', action: 'PAUSE', reasonCode: 'CUSTOMS_HOLD' },
      at(2 * DAY),
      'INVALID_DEADLINE_ADJUSTMENT',
    );
    // A paused seller clock does not stop the seller from answering in time.
    expect(
      apply(paused, { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(100) }, at(6 * DAY))
        .state.status,
    ).toBe('NEGOTIATING');

    const resumed = apply(
      paused,
      { type: 'ADJUST_DEADLINE', actor: SYSTEM, kind: 'SELLER_RESPONSE', action: 'RESUME', reasonCode: 'CUSTOMS_HOLD' },
      at(3 * DAY),
    ).state;
    const entry = resumed.deadlines.find((x) => x.kind === 'SELLER_RESPONSE');
    expect(entry?.dueAt).toBe(iso(T0.getTime() + 7 * DAY));
    expect(entry?.adjustments?.map((a) => a.action)).toEqual(['PAUSE', 'RESUME']);
  });

  it('refuses adjustments that cannot be made', () => {
    const d = opened();
    const adj = (extra: Record<string, unknown>) =>
      ({
        type: 'ADJUST_DEADLINE',
        actor: STAFF,
        kind: 'SELLER_RESPONSE',
        action: 'EXTEND',
        reasonCode: 'PLATFORM_OUTAGE',
        ...extra,
      }) as never;
    refused(d, adj({ until: iso(T0.getTime() + 4 * DAY) }), at(HOUR), 'INVALID_DEADLINE_ADJUSTMENT');
    refused(d, adj({ until: 'next week' }), at(HOUR), 'INVALID_DEADLINE_ADJUSTMENT');
    refused(d, adj({ action: 'RESUME' }), at(HOUR), 'INVALID_DEADLINE_ADJUSTMENT');
    refused(d, adj({ action: 'STOP' }), at(HOUR), 'INVALID_DEADLINE_ADJUSTMENT');
    refused(d, adj({ reasonCode: 'BORED', until: iso(T0.getTime() + 9 * DAY) }), at(HOUR), 'INVALID_REASON_CODE');
    refused(d, adj({ kind: 'RETURN_RECEIPT', until: iso(T0.getTime() + 9 * DAY) }), at(HOUR), 'DEADLINE_NOT_ACTIVE');
    refused(d, adj({ action: 'PAUSE' }), at(5 * DAY), 'DEADLINE_ALREADY_PASSED');
  });
});

describe('refusals', () => {
  it('STALE_VERSION: a command based on an older version', () => {
    const d = negotiating();
    const r = refused(
      d,
      { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2', expectedVersion: 1 },
      at(DAY),
      'STALE_VERSION',
    );
    expect(r.detail).toContain('version 1');
    expect(rejectionCategory(r.type)).toBe('STATE_CONFLICT');
  });

  it('NOT_A_PARTY and WRONG_ACTOR', () => {
    const d = opened();
    const stranger = refused(
      d,
      { type: 'SELLER_RESPOND', actor: { role: 'SELLER', id: 'S-2' }, action: 'ACCEPT' },
      at(HOUR),
      'NOT_A_PARTY',
    );
    expect(rejectionCategory(stranger.type)).toBe('NOT_A_PARTY');
    refused(d, { type: 'CANCEL', actor: { role: 'BUYER', id: 'B-2' } }, at(HOUR), 'NOT_A_PARTY');
    refused(d, { type: 'SELLER_RESPOND', actor: BUYER, action: 'ACCEPT' } as never, at(HOUR), 'WRONG_ACTOR');
    refused(d, { type: 'CANCEL', actor: SELLER }, at(HOUR), 'WRONG_ACTOR');
    refused(d, { type: 'DEADLINE_PASSED', actor: STAFF, kind: 'SELLER_RESPONSE' }, at(6 * DAY), 'WRONG_ACTOR');
    refused(
      escalated(),
      { type: 'RULE', actor: SELLER, outcome: 'SELLER_FAVOUR', rationale: 'mine' },
      at(5 * DAY),
      'WRONG_ACTOR',
    );
    refused(d, { type: 'CANCEL', actor: undefined as never }, at(HOUR), 'WRONG_ACTOR');
  });

  it('UNKNOWN_COMMAND', () => {
    refused(opened(), { type: 'DELETE', actor: BUYER } as never, at(HOUR), 'UNKNOWN_COMMAND');
    refused(opened(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'MAYBE' } as never, at(HOUR), 'UNKNOWN_COMMAND');
  });

  it('TERMINAL_STATE: nothing changes a resolved or cancelled dispute', () => {
    const resolved = apply(opened(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(HOUR)).state;
    const cancelled = apply(opened(), { type: 'CANCEL', actor: BUYER }, at(HOUR)).state;
    for (const d of [resolved, cancelled]) {
      refused(d, { type: 'CANCEL', actor: BUYER }, at(DAY), 'TERMINAL_STATE');
      refused(d, { type: 'ESCALATE', actor: BUYER }, at(5 * DAY), 'TERMINAL_STATE');
      refused(
        d,
        { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'PLATFORM_INTERVENTION' },
        at(8 * DAY),
        'TERMINAL_STATE',
      );
    }
  });

  it.each<[string, () => Dispute, DisputeCommand['type'], Record<string, unknown>, DisputeStatus]>([
    [
      'the seller responds twice',
      () => negotiating(),
      'SELLER_RESPOND',
      { actor: SELLER, action: 'ACCEPT' },
      'NEGOTIATING',
    ],
    [
      'the buyer modifies while awaiting the seller',
      () => opened(),
      'SUBMIT_PROPOSAL',
      { actor: BUYER, proposal: counter(1) },
      'AWAITING_SELLER',
    ],
    [
      'a proposal during the return',
      () => awaitingReturn(),
      'SUBMIT_PROPOSAL',
      { actor: SELLER, proposal: counter(1) },
      'AWAITING_RETURN',
    ],
    [
      'accepting during the return',
      () => awaitingReturn(),
      'ACCEPT_PROPOSAL',
      { actor: SELLER, proposalId: 'D-1:P1' },
      'AWAITING_RETURN',
    ],
    ['escalating an escalated dispute', () => escalated(), 'ESCALATE', { actor: BUYER }, 'ESCALATED'],
    [
      'a ruling before escalation',
      () => negotiating(),
      'RULE',
      { actor: STAFF, outcome: 'SELLER_FAVOUR', rationale: 'x' },
      'NEGOTIATING',
    ],
    [
      'shipping a return never agreed',
      () => negotiating(),
      'SHIP_RETURN',
      { actor: BUYER, carrier: 'UPS', trackingNumber: '1' },
      'NEGOTIATING',
    ],
    [
      'confirming a return not shipped',
      () => awaitingReturn(),
      'CONFIRM_RETURN_RECEIPT',
      { actor: SELLER, condition: 'AS_EXPECTED' },
      'AWAITING_RETURN',
    ],
    [
      'the staff SLA as a lifecycle deadline',
      () => escalated(),
      'DEADLINE_PASSED',
      { actor: SYSTEM, kind: 'STAFF_RULING_SLA' },
      'ESCALATED',
    ],
  ])('INVALID_STATE_TRANSITION: %s', (_name, make, type, fields, status) => {
    const d = make();
    expect(d.status).toBe(status);
    refused(d, { type, ...fields } as never, at(5 * DAY), 'INVALID_STATE_TRANSITION');
  });

  it('proposal acceptance rules', () => {
    const d = negotiating();
    refused(d, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'nope' }, at(DAY), 'PROPOSAL_NOT_FOUND');
    refused(d, { type: 'ACCEPT_PROPOSAL', actor: SELLER, proposalId: 'D-1:P2' }, at(DAY), 'CANNOT_ACCEPT_OWN_PROPOSAL');
    refused(d, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P1' }, at(DAY), 'CANNOT_ACCEPT_OWN_PROPOSAL');
    const newer = apply(d, { type: 'SUBMIT_PROPOSAL', actor: SELLER, proposal: counter(1_100) }, at(2 * HOUR)).state;
    const superseded = refused(
      newer,
      { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' },
      at(DAY),
      'PROPOSAL_SUPERSEDED',
    );
    expect(superseded.detail).toContain('D-1:P3');
    // The buyer's modification takes the seller's counter off the table.
    const modified = apply(d, { type: 'SUBMIT_PROPOSAL', actor: BUYER, proposal: counter(1_900) }, at(2 * HOUR)).state;
    refused(modified, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' }, at(DAY), 'PROPOSAL_SUPERSEDED');
    refused(modified, { type: 'ACCEPT_PROPOSAL', actor: SELLER, proposalId: 'D-1:P1' }, at(DAY), 'PROPOSAL_SUPERSEDED');
    // No buyer proposal left to accept (a history folded from a hand-written event): PROPOSAL_NOT_FOUND.
    refused(
      { ...opened(), currentBuyerProposal: null },
      { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' },
      at(HOUR),
      'PROPOSAL_NOT_FOUND',
    );
  });

  it('PROPOSAL_EXPIRED: refused at expiresAt exactly, accepted a millisecond before', () => {
    const expiresAt = at(2 * DAY);
    const d = apply(
      opened(),
      {
        type: 'SELLER_RESPOND',
        actor: SELLER,
        action: 'REJECT',
        proposal: counter(1_000, { expiresAt: expiresAt.toISOString() }),
      },
      at(HOUR),
    ).state;
    expect(d.currentSellerProposal?.expiresAt).toBe(expiresAt.toISOString());
    refused(d, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' }, expiresAt, 'PROPOSAL_EXPIRED');
    refused(
      d,
      { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' },
      new Date(expiresAt.getTime() + 1),
      'PROPOSAL_EXPIRED',
    );
    expect(
      apply(d, { type: 'ACCEPT_PROPOSAL', actor: BUYER, proposalId: 'D-1:P2' }, new Date(expiresAt.getTime() - 1)).state
        .status,
    ).toBe('RESOLVED');
  });

  it('an expired buyer proposal is not accepted by the seller nor automatically', () => {
    const withExpiry = apply(
      negotiating(),
      { type: 'SUBMIT_PROPOSAL', actor: BUYER, proposal: counter(1_500, { expiresAt: at(3 * DAY).toISOString() }) },
      at(2 * DAY),
    ).state;
    refused(withExpiry, { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, at(3 * DAY), 'PROPOSAL_EXPIRED');
    refused(
      withExpiry,
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      at(7 * DAY),
      'PROPOSAL_EXPIRED',
    );
  });

  it('proposal content rules', () => {
    const d = negotiating();
    const propose = (actor: typeof BUYER, proposal: Record<string, unknown>) =>
      ({ type: 'SUBMIT_PROPOSAL', actor, proposal }) as never;
    refused(d, propose(BUYER, { type: 'NO_REFUND' }), at(DAY), 'PROPOSAL_TYPE_NOT_ALLOWED');
    refused(d, propose(SELLER, { type: 'STORE_CREDIT' }), at(DAY), 'PROPOSAL_TYPE_NOT_ALLOWED');
    refused(d, propose(SELLER, { type: 'REFUND_ONLY' }), at(DAY), 'REFUND_REQUIRED');
    refused(d, propose(SELLER, { type: 'RESEND', refund: usd(10) }), at(DAY), 'REFUND_NOT_ALLOWED');
    refused(d, propose(SELLER, { type: 'REFUND_ONLY', refund: usd(5_001) }), at(DAY), 'REFUND_ABOVE_PAID');
    refused(d, propose(BUYER, { type: 'RETURN_AND_REFUND', refund: usd(5_001) }), at(DAY), 'REFUND_ABOVE_PAID');
    refused(
      d,
      propose(SELLER, { type: 'REFUND_ONLY', refund: { amountMinor: 100, currency: 'EUR' } }),
      at(DAY),
      'CURRENCY_MISMATCH',
    );
    refused(
      d,
      propose(SELLER, { type: 'REFUND_ONLY', refund: { amountMinor: 100, currency: 'ABC' } }),
      at(DAY),
      'UNKNOWN_CURRENCY',
    );
    refused(d, propose(SELLER, { type: 'REFUND_ONLY', refund: usd(0) }), at(DAY), 'INVALID_AMOUNT');
    refused(d, propose(SELLER, { type: 'REFUND_ONLY', refund: usd(9.5) }), at(DAY), 'INVALID_AMOUNT');
    refused(d, propose(SELLER, { type: 'RESEND', expiresAt: at(DAY).toISOString() }), at(DAY), 'INVALID_EXPIRY');
    refused(d, propose(SELLER, { type: 'RESEND', expiresAt: 'soon' }), at(DAY), 'INVALID_EXPIRY');
    refused(d, propose(SELLER, { type: 'RESEND', proposalId: 'D-1:P1' }), at(DAY), 'DUPLICATE_PROPOSAL_ID');
    refused(
      opened(),
      {
        type: 'SELLER_RESPOND',
        actor: SELLER,
        action: 'REJECT',
        proposal: { type: 'REFUND_ONLY', refund: usd(6_000) },
      },
      at(HOUR),
      'REFUND_ABOVE_PAID',
    );
  });

  it('the seller cannot counter once the seller deadline has passed (its automatic outcome applies)', () => {
    const due = T0.getTime() + 5 * DAY;
    refused(
      opened(),
      { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(1) },
      new Date(due),
      'DEADLINE_ALREADY_PASSED',
    );
    expect(
      apply(
        opened(),
        { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(1) },
        new Date(due - 1),
      ).state.status,
    ).toBe('NEGOTIATING');
    // Accepting late gives the same outcome as the automatic acceptance, so it stands (and is marked late).
    const late = apply(opened(), { type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }, new Date(due + 1));
    expect(late.events[0]?.data).toMatchObject({ withinDeadline: false });
  });

  it('deadline rules', () => {
    refused(
      negotiating(),
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'SELLER_RESPONSE' },
      at(6 * DAY),
      'DEADLINE_NOT_ACTIVE',
    );
    refused(
      opened(),
      { type: 'DEADLINE_PASSED', actor: SYSTEM, kind: 'RETURN_RECEIPT' },
      at(20 * DAY),
      'DEADLINE_NOT_ACTIVE',
    );
  });

  it('ruling rules, refunds in JPY, USD and KWD', () => {
    const e = escalated();
    const rule = (extra: Record<string, unknown>) =>
      ({ type: 'RULE', actor: STAFF, rationale: 'Per evidence.', ...extra }) as never;
    refused(e, rule({ outcome: 'COIN_TOSS' }), at(5 * DAY), 'INVALID_RULING');
    refused(
      e,
      rule({ outcome: 'SELLER_FAVOUR', citations: [{ kind: 'RUMOUR', ref: 'x' }] }),
      at(5 * DAY),
      'INVALID_RULING',
    );
    refused(e, rule({ outcome: 'SELLER_FAVOUR', rationale: '  ' }), at(5 * DAY), 'RATIONALE_REQUIRED');
    refused(e, rule({ outcome: 'PARTIAL_REFUND' }), at(5 * DAY), 'REFUND_REQUIRED');
    refused(e, rule({ outcome: 'SELLER_FAVOUR', refund: usd(1) }), at(5 * DAY), 'REFUND_NOT_ALLOWED');
    refused(e, rule({ outcome: 'PARTIAL_REFUND', refund: usd(5_001) }), at(5 * DAY), 'REFUND_ABOVE_PAID');
    refused(e, rule({ outcome: 'REFUND_BUYER', refund: usd(4_000) }), at(5 * DAY), 'INVALID_AMOUNT');

    for (const [currency, paid] of [
      ['JPY', 1500],
      ['KWD', 1250],
      ['USD', 1999],
    ] as const) {
      const amount = { amountMinor: paid, currency };
      const d = escalated(
        opened({ order: { ...openInput().order, amount }, requested: { type: 'REFUND_ONLY', refund: amount } }),
      );
      refused(
        d,
        rule({ outcome: 'PARTIAL_REFUND', refund: { amountMinor: paid + 1, currency } }),
        at(5 * DAY),
        'REFUND_ABOVE_PAID',
      );
      refused(
        d,
        rule({
          outcome: 'PARTIAL_REFUND',
          refund: { amountMinor: paid, currency: currency === 'USD' ? 'JPY' : 'USD' },
        }),
        at(5 * DAY),
        'CURRENCY_MISMATCH',
      );
      const ok = apply(
        d,
        rule({ outcome: 'PARTIAL_REFUND', refund: { amountMinor: paid - 1, currency } }),
        at(5 * DAY),
      );
      expect(ok.state.resolution?.refund).toEqual({ amountMinor: paid - 1, currency });
    }
  });

  it('return rules', () => {
    refused(
      awaitingReturn(),
      { type: 'SHIP_RETURN', actor: BUYER, carrier: ' ', trackingNumber: '1Z' },
      at(2 * DAY),
      'TRACKING_REQUIRED',
    );
    refused(
      returnInTransit(),
      { type: 'CONFIRM_RETURN_RECEIPT', actor: SELLER, condition: 'MEH' as never },
      at(5 * DAY),
      'INVALID_RETURN_CONDITION',
    );
  });

  it('the refusal becomes a dispute.command_rejected notification at the unchanged version', () => {
    const d = negotiating();
    const command = {
      type: 'ACCEPT_PROPOSAL',
      actor: BUYER,
      proposalId: 'x',
      expectedVersion: d.version,
      commandId: 'c-1',
    } as const;
    const decision = decide(d, command, at(DAY), DEFAULT_POLICY);
    if (decision.ok) throw new Error('accepted');
    expect(commandRejected(d, command, decision.rejection, at(DAY))).toEqual({
      type: 'dispute.command_rejected',
      disputeId: 'D-1',
      version: d.version,
      at: at(DAY).toISOString(),
      data: {
        commandType: 'ACCEPT_PROPOSAL',
        commandId: 'c-1',
        expectedVersion: d.version,
        rejection: decision.rejection,
      },
    });
  });

  afterAll(() => {
    // Every refusal the lifecycle knows was produced by at least one test in this file.
    expect(REJECTION_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });
});

describe('evolve', () => {
  it('replays a history into the same state, and refuses a history out of order or off the lifecycle', () => {
    const start = open(openInput(), T0, DEFAULT_POLICY);
    if (!start.ok) throw new Error('refused');
    const step = apply(
      start.dispute,
      { type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: counter(10) },
      at(HOUR),
    );
    const history: DomainEvent[] = [start.event, ...step.events];
    expect(replay(history)).toEqual(step.state);
    expect(() => replay([])).toThrow(InvalidEventError);
    const [stepEvent] = step.events;
    if (!stepEvent) throw new Error('the step recorded no event');
    expect(() => evolve(undefined, stepEvent)).toThrow(/first event/);
    expect(() => evolve(start.dispute, start.event)).toThrow(/already open/);
    expect(() => evolve(start.dispute, { ...stepEvent, version: 3 })).toThrow(/version 3/);
    expect(() => evolve(start.dispute, { ...stepEvent, disputeId: 'D-2' })).toThrow(/D-2/);
    const returnShipped = {
      type: 'dispute.return_shipped',
      disputeId: 'D-1',
      version: 2,
      at: T0.toISOString(),
      data: { carrier: 'x', trackingNumber: 'y', returnReceiptDueAt: T0.toISOString(), deadlines: [] },
    } as DomainEvent;
    expect(() => evolve(start.dispute, returnShipped)).toThrow(/AWAITING_SELLER to RETURN_IN_TRANSIT/);
  });

  it('lists each arrow once and none out of a terminal state', () => {
    const keys = LIFECYCLE_ARROWS.map((a) => `${a.from}|${a.event}|${a.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(LIFECYCLE_ARROWS.some((a) => a.from === 'RESOLVED' || a.from === 'CANCELLED')).toBe(false);
    expect(isLifecycleArrow('AWAITING_RETURN', 'dispute.resolved', 'RESOLVED')).toBe(true);
    expect(isLifecycleArrow('RESOLVED', 'dispute.cancelled', 'CANCELLED')).toBe(false);
  });
});

describe('openActions', () => {
  it('lists what each party may still do', () => {
    expect(openActions(opened(), 'SELLER', at(HOUR), DEFAULT_POLICY)).toEqual([
      'ACCEPT',
      'REJECT_WITH_COUNTER_PROPOSAL',
    ]);
    expect(openActions(opened(), 'BUYER', at(HOUR), DEFAULT_POLICY)).toEqual(['CANCEL']);
    expect(openActions(opened(), 'BUYER', at(4 * DAY), DEFAULT_POLICY)).toEqual(['ESCALATE', 'CANCEL']);
    expect(openActions(negotiating(), 'BUYER', at(DAY), DEFAULT_POLICY)).toEqual([
      'ACCEPT_PROPOSAL',
      'SUBMIT_PROPOSAL',
      'CANCEL',
    ]);
    expect(openActions(awaitingReturn(), 'BUYER', at(DAY), DEFAULT_POLICY)).toEqual(['SHIP_RETURN', 'CANCEL']);
    expect(openActions(returnInTransit(), 'SELLER', at(3 * DAY), DEFAULT_POLICY)).toEqual(['CONFIRM_RETURN_RECEIPT']);
    const resolved = apply(opened(), { type: 'CANCEL', actor: BUYER }, at(HOUR)).state;
    expect(openActions(resolved, 'BUYER', at(DAY), DEFAULT_POLICY)).toEqual([]);
  });
});
