import { required } from '@settle/contracts';
/**
 * Property-based tests: random command sequences (right and wrong actors, stale versions, amounts above what was
 * paid, foreign currencies, expiring proposals, deadlines firing early and late, adjustments) against the lifecycle.
 */
import fc from 'fast-check';
import type { Money } from '@settle/contracts/money';
import type { Actor, DisputeCommand } from './commands';
import {
  DEADLINE_KINDS,
  DEADLINE_REASON_CODES,
  DISPUTE_STATUSES,
  PROPOSAL_TYPES,
  RETURN_CONDITIONS,
  RULING_OUTCOMES,
  isTerminal,
  type DeadlineKind,
  type Dispute,
  type DisputeStatus,
} from './domain';
import type { DomainEvent } from './events';
import { decide, evolve, isLifecycleArrow, open, replay } from './lifecycle';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './policy';
import { BUYER, DAY, HOUR, openInput, SELLER, STAFF, SYSTEM, T0 } from './spec-fixtures';

const BUSINESS_DAY_POLICY = parsePolicy(
  {
    sellerResponse: 'P5BD',
    platformIntervention: { duration: 'P7D', endOfDayIn: 'BUYER' },
    returnShipment: { businessDays: 10, country: 'BUYER' },
    staffRulingSla: { businessDays: 2, country: 'CN' },
  },
  DEFAULT_POLICY,
);

/** The deadlines that run in each status (none in a terminal one). */
const DEADLINES_BY_STATUS: Record<DisputeStatus, readonly DeadlineKind[]> = {
  OPENED: ['SELLER_RESPONSE', 'PLATFORM_INTERVENTION'],
  AWAITING_SELLER: ['SELLER_RESPONSE', 'PLATFORM_INTERVENTION'],
  NEGOTIATING: ['PLATFORM_INTERVENTION'],
  AGREED: [],
  ESCALATED: ['STAFF_RULING_SLA'],
  AWAITING_RETURN: ['RETURN_SHIPMENT'],
  RETURN_IN_TRANSIT: ['RETURN_RECEIPT'],
  RESOLVED: [],
  CANCELLED: [],
};

interface Intent {
  readonly command: number;
  readonly wrongActor: boolean;
  readonly stale: boolean;
  readonly advanceMs: number;
  readonly jumpToDeadline: boolean;
  readonly pick: number;
  readonly amountShare: number; // per mille of what was paid; above 1000 is above what was paid
  readonly foreignCurrency: boolean;
  readonly expiresInMs: number | null;
}

const intentArb: fc.Arbitrary<Intent> = fc.record({
  command: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1, 2) }, // respond, propose, accept
    { weight: 2, arbitrary: fc.constantFrom(3, 4) }, // escalate, deadline passed
    { weight: 2, arbitrary: fc.constantFrom(5, 6, 7) }, // rule, ship return, confirm receipt
    { weight: 1, arbitrary: fc.constantFrom(8, 9, 10) }, // cancel, adjust deadline, settle agreement
  ),
  wrongActor: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  stale: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  advanceMs: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.constant(0)),
  jumpToDeadline: fc.boolean(),
  pick: fc.nat(),
  amountShare: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2000 })),
  foreignCurrency: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
  expiresInMs: fc.option(fc.integer({ min: 1, max: 4 * DAY }), { freq: 3 }),
});

const ACTORS: readonly Actor[] = [
  BUYER,
  SELLER,
  STAFF,
  SYSTEM,
  { role: 'SELLER', id: 'S-other' },
  { role: 'BUYER', id: 'B-other' },
];

function amountOf(d: Dispute, i: Intent): Money {
  const amountMinor = Math.floor((d.paid.amountMinor * i.amountShare) / 1000);
  const currency = i.foreignCurrency ? (d.paid.currency === 'USD' ? 'JPY' : 'USD') : d.paid.currency;
  return { amountMinor, currency };
}

/** Turns an intent into a concrete command (and the instant it arrives) for the current state. */
function toCommand(d: Dispute, i: Intent, now: number): { command: DisputeCommand; now: number } {
  const pick = <T>(xs: readonly T[]): T => required(xs[i.pick % xs.length], 'a pick from a non-empty list');
  const party = pick([BUYER, SELLER]);
  const proposal = () => {
    const type = pick(PROPOSAL_TYPES);
    const refunding = type === 'REFUND_ONLY' || type === 'RETURN_AND_REFUND';
    return {
      type,
      ...(refunding || i.pick % 7 === 0 ? { refund: amountOf(d, i) } : {}),
      ...(i.expiresInMs !== null ? { expiresAt: new Date(now + i.expiresInMs).toISOString() } : {}),
    };
  };
  const base = { expectedVersion: i.stale ? d.version - 1 : d.version };
  let command: DisputeCommand;
  switch (i.command) {
    case 0:
      command =
        i.pick % 2 === 0
          ? { ...base, type: 'SELLER_RESPOND', actor: SELLER, action: 'ACCEPT' }
          : { ...base, type: 'SELLER_RESPOND', actor: SELLER, action: 'REJECT', proposal: proposal() };
      break;
    case 1:
      command = { ...base, type: 'SUBMIT_PROPOSAL', actor: party, proposal: proposal() };
      break;
    case 2: {
      const ids = [...d.proposals.map((p) => p.proposalId), 'unknown'];
      const current = [d.currentBuyerProposal, d.currentSellerProposal].filter((p) => p !== null);
      const id = current.length > 0 && i.pick % 3 !== 0 ? pick(current).proposalId : pick(ids);
      command = { ...base, type: 'ACCEPT_PROPOSAL', actor: party, proposalId: id };
      break;
    }
    case 3:
      command = { ...base, type: 'ESCALATE', actor: BUYER };
      break;
    case 4: {
      const running = d.deadlines.filter((x) => x.kind !== 'STAFF_RULING_SLA');
      const deadline = running.length > 0 && i.pick % 4 !== 0 ? pick(running) : undefined;
      const kind = deadline?.kind ?? pick(DEADLINE_KINDS);
      if (deadline?.dueAt && i.jumpToDeadline) now = Math.max(now, Date.parse(deadline.dueAt));
      command = { ...base, type: 'DEADLINE_PASSED', actor: SYSTEM, kind: kind as never };
      break;
    }
    case 5: {
      const outcome = pick(RULING_OUTCOMES);
      command = {
        ...base,
        type: 'RULE',
        actor: STAFF,
        outcome,
        ...(outcome !== 'REFUND_BUYER' || i.pick % 3 === 0 ? { refund: amountOf(d, i) } : {}),
        rationale: i.pick % 11 === 0 ? '' : 'Evidence ev-1 shows it.',
      };
      break;
    }
    case 6:
      command = {
        ...base,
        type: 'SHIP_RETURN',
        actor: BUYER,
        carrier: 'UPS',
        trackingNumber: i.pick % 9 === 0 ? '' : '1Z',
      };
      break;
    case 7:
      command = { ...base, type: 'CONFIRM_RETURN_RECEIPT', actor: SELLER, condition: pick(RETURN_CONDITIONS) };
      break;
    case 8:
      command = { ...base, type: 'CANCEL', actor: BUYER };
      break;
    case 9: {
      const kind = d.deadlines.length > 0 ? pick(d.deadlines).kind : pick(DEADLINE_KINDS);
      const reasonCode = pick(DEADLINE_REASON_CODES);
      const action = pick(['EXTEND', 'PAUSE', 'RESUME'] as const);
      command =
        action === 'EXTEND'
          ? {
              ...base,
              type: 'ADJUST_DEADLINE',
              actor: STAFF,
              kind,
              reasonCode,
              action,
              until: new Date(now + i.advanceMs + 5 * DAY).toISOString(),
            }
          : { ...base, type: 'ADJUST_DEADLINE', actor: SYSTEM, kind, reasonCode, action };
      break;
    }
    default:
      command = { ...base, type: 'SETTLE_AGREEMENT', actor: SYSTEM };
  }
  if (i.wrongActor) command = { ...command, actor: pick(ACTORS) };
  return { command, now };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function assertMoneyWithinPaid(d: Dispute): void {
  const amounts: Money[] = [
    ...d.proposals.flatMap((p) => (p.refund ? [p.refund] : [])),
    ...(d.agreement ? [d.agreement.refund] : []),
    ...(d.ruling ? [d.ruling.refund] : []),
    ...(d.resolution ? [d.resolution.refund] : []),
  ];
  for (const m of amounts) {
    expect(m.currency).toBe(d.paid.currency);
    expect(Number.isSafeInteger(m.amountMinor)).toBe(true);
    expect(m.amountMinor).toBeGreaterThanOrEqual(0);
    expect(m.amountMinor).toBeLessThanOrEqual(d.paid.amountMinor);
  }
}

function assertWellFormed(d: Dispute): void {
  expect(DISPUTE_STATUSES).toContain(d.status);
  // A decision never leaves a dispute resting in AGREED (it settles in the same decision) nor in OPENED.
  expect(['AGREED', 'OPENED']).not.toContain(d.status);
  expect(d.deadlines.map((x) => x.kind).sort()).toEqual([...DEADLINES_BY_STATUS[d.status]].sort());
  expect(d.resolution !== null).toBe(d.status === 'RESOLVED');
  expect(d.cancellation !== null).toBe(d.status === 'CANCELLED');
  assertMoneyWithinPaid(d);
}

const reached = new Set<DisputeStatus>();
const refusalsSeen = new Set<string>();

const scenarioArb = fc.record({
  currency: fc.constantFrom('JPY', 'USD', 'KWD'),
  paid: fc.integer({ min: 1, max: 10_000_000 }),
  requestedShare: fc.integer({ min: 1, max: 1000 }),
  returnRequested: fc.boolean(),
  notReceived: fc.boolean(),
  businessDays: fc.boolean(),
  intents: fc.array(intentArb, { minLength: 1, maxLength: 40 }),
});

describe('the lifecycle under random command sequences', () => {
  it('stays on the lifecycle’s arrows, refunds at most what was paid, counts versions one by one, and ends for good', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const policy: Policy = s.businessDays ? BUSINESS_DAY_POLICY : DEFAULT_POLICY;
        const amount = { amountMinor: s.paid, currency: s.currency };
        const requested = {
          amountMinor: Math.max(1, Math.floor((s.paid * s.requestedShare) / 1000)),
          currency: s.currency,
        };
        const base = openInput();
        const opening = open(
          openInput({
            requested: { type: s.returnRequested ? 'RETURN_AND_REFUND' : 'REFUND_ONLY', refund: requested },
            ...(s.notReceived
              ? {
                  reason: 'NOT_RECEIVED',
                  subReason: 'IN_TRANSIT_OVERDUE',
                  evidence: [],
                  order: {
                    ...base.order,
                    amount,
                    promisedDeliveryDays: 30,
                    trackingStatus: 'IN_TRANSIT',
                    deliveredAt: undefined,
                  },
                }
              : { order: { ...base.order, amount } }),
          }),
          T0,
          policy,
        );
        if (!opening.ok) throw new Error(opening.rejection.detail);
        const history: DomainEvent[] = [opening.event];
        let d = deepFreeze(opening.dispute);
        let now = T0.getTime();
        for (const intent of s.intents) {
          now += intent.advanceMs;
          const next = toCommand(d, intent, now);
          now = next.now;
          const before = d;
          const decision = decide(d, next.command, new Date(now), policy);
          if (!decision.ok) {
            refusalsSeen.add(decision.rejection.type);
            // Terminal states stay terminal: every command to them is refused.
            if (isTerminal(before.status)) {
              expect(['TERMINAL_STATE', 'NOT_A_PARTY', 'WRONG_ACTOR']).toContain(decision.rejection.type);
            }
            continue;
          }
          expect(isTerminal(before.status)).toBe(false);
          expect(next.command.expectedVersion).toBe(before.version);
          expect(decision.events.length).toBeGreaterThan(0);
          for (const [k, event] of decision.events.entries()) {
            // Versions increase by exactly one per event.
            expect(event.version).toBe(before.version + k + 1);
            expect(event.at).toBe(new Date(now).toISOString());
            const after = evolve(d, event);
            expect(isLifecycleArrow(d.status, event.type, after.status)).toBe(true);
            d = deepFreeze(after);
            history.push(event);
          }
          reached.add(d.status);
          assertWellFormed(d);
        }
        expect(d.version).toBe(history.length);
        expect(replay(history)).toEqual(d);
      }),
      { numRuns: 250 },
    );
    // The generator is worth something only if it walks the whole lifecycle.
    expect([...reached].sort()).toEqual(
      [
        'AWAITING_SELLER',
        'NEGOTIATING',
        'ESCALATED',
        'AWAITING_RETURN',
        'RETURN_IN_TRANSIT',
        'RESOLVED',
        'CANCELLED',
      ].sort(),
    );
    expect(
      refusalsSeen.has('REFUND_ABOVE_PAID') && refusalsSeen.has('STALE_VERSION') && refusalsSeen.has('TERMINAL_STATE'),
    ).toBe(true);
  });

  it('never lets an agreement or a ruling refund above what was paid, in any currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('JPY', 'USD', 'KWD'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.constantFrom(...RULING_OUTCOMES),
        (currency, paid, refundMinor, outcome) => {
          const amount = { amountMinor: paid, currency };
          const opening = open(
            openInput({ order: { ...openInput().order, amount }, requested: { type: 'REFUND_ONLY', refund: amount } }),
            T0,
            DEFAULT_POLICY,
          );
          if (!opening.ok) throw new Error(opening.rejection.detail);
          const esc = decide(
            opening.dispute,
            { type: 'ESCALATE', actor: BUYER, expectedVersion: 1 },
            new Date(T0.getTime() + 4 * DAY),
            DEFAULT_POLICY,
          );
          if (!esc.ok) throw new Error(esc.rejection.detail);
          const escalated = esc.events.reduce(evolve, opening.dispute);
          const ruling = decide(
            escalated,
            {
              type: 'RULE',
              actor: STAFF,
              expectedVersion: escalated.version,
              outcome,
              refund: { amountMinor: refundMinor, currency },
              rationale: 'r',
            },
            new Date(T0.getTime() + 5 * DAY + HOUR),
            DEFAULT_POLICY,
          );
          if (refundMinor > paid) expect(ruling.ok).toBe(false);
          if (ruling.ok) {
            const resolved = ruling.events.reduce(evolve, escalated);
            expect(resolved.resolution?.refund.amountMinor).toBeLessThanOrEqual(paid);
            expect(resolved.resolution?.refund.currency).toBe(currency);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
