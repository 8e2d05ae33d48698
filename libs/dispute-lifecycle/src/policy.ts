/**
 * The marketplace policy (docs/DOMAIN.md, "Deadlines" and "Opening window") and the rule checks built on it.
 * Every function takes explicit instants; nothing here reads the wall clock.
 *
 * Windows are half-open, [opensAt, closesAt): allowed at `opensAt` exactly, refused at `closesAt` exactly.
 * A deadline has passed at `dueAt` exactly (now >= dueAt).
 *
 * "7 days (the 7th day included)" (platform intervention): days are counted from the instant the dispute was
 * opened, day k being [openedAt + (k-1)·24h, openedAt + k·24h). The 7th day is included in full, so the platform
 * steps in at openedAt + 7·24h exactly (the first instant of day 8) and not a millisecond before; reading "the 7th
 * day" as the first day after openedAt + 6·24h would escalate a day early. A marketplace that counts calendar days
 * instead writes `{ "duration": "P7D", "endOfDayIn": "UTC" }` (or a party's zone): the deadline then also waits for
 * the end of the local day on which the 7th day ends, so the parties always get at least 7 × 24 h.
 */
import { compareMoney, formatMoney, isKnownCurrency, type Money } from '@settle/contracts/money';
import { DAY_MS } from './calendar';
import type { DeadlineKind, Dispute, InstantString, OrderSnapshot, TrackingStatus } from './domain';
import { DEADLINE_PARTY, IN_TRANSIT_TRACKING_STATUSES } from './domain';
import {
  addDuration,
  assertInstant,
  calendarMs,
  InvalidDurationError,
  parsePolicyDuration,
  policyDurationToJson,
  type DurationContext,
  type PolicyDuration,
} from './duration';
import { PASS, fail, type Check } from './rejections';

export interface Policy {
  /** Seller answers from the dispute's opening (or the buyer's modified proposal); else accepted automatically. */
  readonly sellerResponse: PolicyDuration;
  /** From opening; escalated to staff if not agreed. */
  readonly platformIntervention: PolicyDuration;
  /** The buyer may escalate from openedAt + buyerEscalateFrom ... */
  readonly buyerEscalateFrom: PolicyDuration;
  /** ... until openedAt + buyerEscalateUntil (exclusive). */
  readonly buyerEscalateUntil: PolicyDuration;
  /** From the agreement on return and refund; else funds released to the seller. */
  readonly returnShipment: PolicyDuration;
  /** From the buyer's return shipment; else the buyer is refunded automatically. */
  readonly returnReceipt: PolicyDuration;
  /** From escalation; else the case is flagged overdue to leads. */
  readonly staffRulingSla: PolicyDuration;
  /** How long before each party deadline its reminder goes out. */
  readonly reminderLead: PolicyDuration;
  /** A dispute may be opened from shippedAt + openAfterShipment ... */
  readonly openAfterShipment: PolicyDuration;
  /** ... or at once when the promised delivery time is shorter than this ... */
  readonly openAtOnceIfPromisedUnder: PolicyDuration;
  /** ... until shippedAt + promised delivery days + protectionAfterPromised (exclusive). */
  readonly protectionAfterPromised: PolicyDuration;
}
export type PolicyKey = keyof Policy;

/** Whose country a business-day value of each key follows; null: no party (business days need a country). */
const KEY_PARTY: Readonly<Record<PolicyKey, 'SELLER' | 'BUYER' | null>> = {
  sellerResponse: 'SELLER',
  platformIntervention: 'SELLER',
  buyerEscalateFrom: 'BUYER',
  buyerEscalateUntil: 'BUYER',
  returnShipment: 'BUYER',
  returnReceipt: 'SELLER',
  staffRulingSla: null,
  reminderLead: null,
  openAfterShipment: 'BUYER',
  openAtOnceIfPromisedUnder: null,
  protectionAfterPromised: 'BUYER',
};
/** Keys compared or subtracted as lengths, so they must be plain calendar durations. */
const CALENDAR_ONLY: readonly PolicyKey[] = ['reminderLead', 'openAtOnceIfPromisedUnder'];
export const POLICY_KEYS = Object.keys(KEY_PARTY) as PolicyKey[];

/**
 * The policy file's shape (`SETTLE_POLICY_FILE`, e.g. deploy/policy/default.json). Every key is required unless
 * a base policy is given to `parsePolicy`; unknown keys are refused. Keys may sit at the top level or in two groups,
 * `"deadlines": { ... }` and `"openingWindow": { ... }`; `"$schema"` and `"description"` are ignored.
 *
 * ```json
 * {
 *   "sellerResponse": "P5D",
 *   "platformIntervention": "P7D",
 *   "buyerEscalateFrom": "P4D",
 *   "buyerEscalateUntil": "P15D",
 *   "returnShipment": "P10D",
 *   "returnReceipt": "P15D",
 *   "staffRulingSla": "P2D",
 *   "reminderLead": "PT24H",
 *   "openAfterShipment": "P10D",
 *   "openAtOnceIfPromisedUnder": "P5D",
 *   "protectionAfterPromised": "P15D"
 * }
 * ```
 * Each value: an ISO-8601 duration (PnW, PnD, PTnH, PTnM, PTnS and combinations; "P5BD" = 5 business days of the
 * party who owns the deadline), `{ "businessDays": 5, "country": "SELLER" | "BUYER" | "CN" }`, or either form with
 * `"endOfDayIn": "UTC" | "SELLER" | "BUYER" | "<IANA zone>"` (written `{ "duration": "P7D", "endOfDayIn": "UTC" }`).
 * A test or a demo uses seconds ("PT5S") instead of days.
 */
export const DEFAULT_POLICY_JSON = Object.freeze({
  sellerResponse: 'P5D',
  platformIntervention: 'P7D',
  buyerEscalateFrom: 'P4D',
  buyerEscalateUntil: 'P15D',
  returnShipment: 'P10D',
  returnReceipt: 'P15D',
  staffRulingSla: 'P2D',
  reminderLead: 'PT24H',
  openAfterShipment: 'P10D',
  openAtOnceIfPromisedUnder: 'P5D',
  protectionAfterPromised: 'P15D',
});

export class PolicyError extends Error {
  readonly code = 'INVALID_POLICY';
  constructor(
    /** The offending key ("sellerResponse", "deadlines.sellerResponse"), or "(policy)" for the whole document. */
    readonly key: string,
    message: string,
  ) {
    super(`policy ${key}: ${message}`);
  }
}

const GROUPS = ['deadlines', 'openingWindow'] as const;
const IGNORED = ['$schema', 'description'];

/** Validates a policy document (a parsed object or its JSON text); a bad value throws a PolicyError naming its key. */
export function parsePolicy(json: unknown, base?: Policy): Policy {
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      throw new PolicyError('(policy)', `not valid JSON (${(e as Error).message})`);
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new PolicyError('(policy)', 'expected a JSON object');
  }
  const values = new Map<PolicyKey, { value: unknown; path: string }>();
  const take = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, value] of Object.entries(obj)) {
      const path = prefix + k;
      if (!prefix && IGNORED.includes(k)) continue;
      if (!prefix && (GROUPS as readonly string[]).includes(k)) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw new PolicyError(path, 'expected an object of durations');
        }
        take(value as Record<string, unknown>, `${k}.`);
        continue;
      }
      if (!(POLICY_KEYS as string[]).includes(k)) {
        throw new PolicyError(path, `unknown key (known: ${POLICY_KEYS.join(', ')})`);
      }
      if (values.has(k as PolicyKey)) throw new PolicyError(path, 'given twice');
      values.set(k as PolicyKey, { value, path });
    }
  };
  take(doc as Record<string, unknown>, '');

  const out: Partial<Record<PolicyKey, PolicyDuration>> = {};
  for (const key of POLICY_KEYS) {
    const entry = values.get(key);
    if (!entry) {
      if (base) {
        out[key] = base[key];
        continue;
      }
      throw new PolicyError(key, 'missing');
    }
    let d: PolicyDuration;
    try {
      d = parsePolicyDuration(entry.value);
    } catch (e) {
      throw new PolicyError(entry.path, (e as Error).message);
    }
    if (CALENDAR_ONLY.includes(key) && (d.kind !== 'CALENDAR' || d.endOfDayIn !== undefined)) {
      throw new PolicyError(entry.path, 'must be a plain calendar duration (no business days, no endOfDayIn)');
    }
    if (d.kind === 'BUSINESS_DAYS' && d.country === undefined && KEY_PARTY[key] === null) {
      throw new PolicyError(entry.path, 'business days need a "country": no party owns this deadline');
    }
    out[key] = d;
  }
  const policy = out as Policy;
  if (policy.buyerEscalateFrom.kind === 'CALENDAR' && policy.buyerEscalateUntil.kind === 'CALENDAR') {
    if (policy.buyerEscalateUntil.ms < policy.buyerEscalateFrom.ms) {
      throw new PolicyError('buyerEscalateUntil', 'ends before buyerEscalateFrom');
    }
  }
  return Object.freeze(policy);
}

/** The policy as a JSON document `parsePolicy` reads back. */
export function policyToJson(policy: Policy): Record<PolicyKey, unknown> {
  return Object.fromEntries(POLICY_KEYS.map((k) => [k, policyDurationToJson(policy[k])])) as Record<PolicyKey, unknown>;
}

/** docs/DOMAIN.md's defaults. */
export const DEFAULT_POLICY: Policy = parsePolicy(DEFAULT_POLICY_JSON);

// ---------------------------------------------------------------------------------------------------------------
// Durations and deadlines

export interface PartyCountries {
  readonly sellerCountry?: string;
  readonly buyerCountry?: string;
}

const DEADLINE_KEY: Readonly<Record<DeadlineKind, PolicyKey>> = {
  SELLER_RESPONSE: 'sellerResponse',
  PLATFORM_INTERVENTION: 'platformIntervention',
  RETURN_SHIPMENT: 'returnShipment',
  RETURN_RECEIPT: 'returnReceipt',
  STAFF_RULING_SLA: 'staffRulingSla',
};

function contextFor(key: PolicyKey, ctx: PartyCountries): DurationContext {
  return { ...ctx, party: KEY_PARTY[key] ?? undefined };
}

function addPolicy(from: Date, key: PolicyKey, policy: Policy, ctx: PartyCountries): Date {
  return addDuration(from, policy[key], contextFor(key, ctx));
}

/**
 * When a deadline of this kind, started at `from`, passes. SELLER_RESPONSE starts when the dispute opens or the
 * buyer modifies the proposal, PLATFORM_INTERVENTION when it opens, RETURN_SHIPMENT at the return-and-refund
 * agreement, RETURN_RECEIPT when the buyer ships the return, STAFF_RULING_SLA at escalation.
 */
export function deadlineFor(kind: DeadlineKind, from: Date, policy: Policy, ctx: PartyCountries): Date {
  return addPolicy(from, DEADLINE_KEY[kind], policy, ctx);
}

export interface Reminder {
  readonly kind: DeadlineKind;
  readonly party: 'SELLER' | 'BUYER' | 'BOTH';
  readonly remindAt: Date;
  readonly dueAt: Date;
}

/**
 * The reminder for a party deadline: `reminderLead` before `dueAt` (docs/DOMAIN.md: 24 h before each party deadline).
 * None for the staff SLA (not a party deadline), and none when the reminder would fall before `notBefore`
 * (typically when the deadline was set: a lead longer than the deadline itself).
 */
export function reminderFor(
  deadline: { readonly kind: DeadlineKind; readonly dueAt: Date | InstantString },
  policy: Policy,
  notBefore?: Date,
): Reminder | null {
  const party = DEADLINE_PARTY[deadline.kind];
  if (party === 'STAFF') return null;
  const dueAt = toDate(deadline.dueAt, 'dueAt');
  const remindAt = new Date(dueAt.getTime() - calendarMs(policy.reminderLead));
  if (notBefore && remindAt.getTime() < notBefore.getTime()) return null;
  return { kind: deadline.kind, party, remindAt, dueAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Opening window

export type OrderTimes = Pick<
  OrderSnapshot,
  'paidAt' | 'shippedAt' | 'promisedDeliveryDays' | 'buyerCountry' | 'sellerCountry'
>;

export interface TimeWindow {
  readonly opensAt: Date;
  /** Exclusive: refused at this instant. */
  readonly closesAt: Date;
}

/**
 * docs/DOMAIN.md: a buyer may open a dispute from 10 days after shipment (at once if the promised delivery time is under
 * 5 days) until the protection window ends (promised delivery days + 15 days after shipment). "At once" means from
 * shipment. An order never shipped (SELLER_REFUSED_SALE) counts from payment instead.
 */
export function openingWindow(order: OrderTimes, policy: Policy): TimeWindow {
  const base = toDate(order.shippedAt ?? order.paidAt, order.shippedAt ? 'shippedAt' : 'paidAt');
  const promisedMs = promisedMsOf(order);
  const atOnce = promisedMs < calendarMs(policy.openAtOnceIfPromisedUnder);
  const opensAt = atOnce ? base : addPolicy(base, 'openAfterShipment', policy, order);
  const closesAt = addPolicy(new Date(base.getTime() + promisedMs), 'protectionAfterPromised', policy, order);
  return { opensAt, closesAt };
}

export function checkOpeningWindow(order: OrderTimes, now: Date, policy: Policy): Check {
  assertInstant(now, 'now');
  const { opensAt, closesAt } = openingWindow(order, policy);
  if (now.getTime() < opensAt.getTime()) {
    return fail('DISPUTE_WINDOW_NOT_OPEN', `A dispute can be opened on this order from ${opensAt.toISOString()}.`);
  }
  if (now.getTime() >= closesAt.getTime()) {
    return fail('DISPUTE_WINDOW_CLOSED', `The protection window of this order ended at ${closesAt.toISOString()}.`);
  }
  return PASS;
}

// ---------------------------------------------------------------------------------------------------------------
// Buyer escalation

export type EscalationFacts = Pick<Dispute, 'openedAt' | 'reason' | 'order'>;

/** When the buyer may escalate: [openedAt + buyerEscalateFrom, openedAt + buyerEscalateUntil). */
export function escalationWindow(dispute: Pick<Dispute, 'openedAt' | 'order'>, policy: Policy): TimeWindow {
  const openedAt = toDate(dispute.openedAt, 'openedAt');
  return {
    opensAt: addPolicy(openedAt, 'buyerEscalateFrom', policy, dispute.order),
    closesAt: addPolicy(openedAt, 'buyerEscalateUntil', policy, dispute.order),
  };
}

/** When the promised delivery time expires: shipment + promised delivery days (undefined if never shipped). */
export function promisedDeliveryAt(order: Pick<OrderSnapshot, 'shippedAt' | 'promisedDeliveryDays'>): Date | undefined {
  if (!order.shippedAt) return undefined;
  return new Date(toDate(order.shippedAt, 'shippedAt').getTime() + promisedMsOf(order));
}

export interface TrackingFacts {
  readonly trackingStatus?: TrackingStatus;
  readonly deliveredAt?: InstantString;
}

export function isInTransit(tracking: TrackingFacts): boolean {
  return (
    tracking.deliveredAt === undefined &&
    tracking.trackingStatus !== undefined &&
    IN_TRANSIT_TRACKING_STATUSES.includes(tracking.trackingStatus)
  );
}

/**
 * May the buyer escalate now? Inside the escalate window only; and a NOT_RECEIVED dispute not while the parcel is
 * in transit and the promised delivery time has not expired. `tracking` is the latest tracking the owner knows
 * (defaults to the dispute's order snapshot).
 */
export function checkBuyerMayEscalate(
  dispute: EscalationFacts,
  now: Date,
  policy: Policy,
  tracking: TrackingFacts = dispute.order,
): Check {
  assertInstant(now, 'now');
  const { opensAt, closesAt } = escalationWindow(dispute, policy);
  if (now.getTime() < opensAt.getTime()) {
    return fail('ESCALATION_TOO_EARLY', `The buyer may escalate from ${opensAt.toISOString()}.`);
  }
  if (now.getTime() >= closesAt.getTime()) {
    return fail('ESCALATION_WINDOW_CLOSED', `The buyer could escalate until ${closesAt.toISOString()}.`);
  }
  if (dispute.reason === 'NOT_RECEIVED' && isInTransit(tracking)) {
    const promised = promisedDeliveryAt(dispute.order);
    if (promised && now.getTime() < promised.getTime()) {
      return fail(
        'NOT_RECEIVED_IN_TRANSIT',
        `The parcel is in transit and its promised delivery time runs until ${promised.toISOString()}.`,
      );
    }
  }
  return PASS;
}

// ---------------------------------------------------------------------------------------------------------------
// Refunds

/**
 * A refund is a whole number of minor units in the order's currency, never above what was paid, and (unless
 * `allowZero`) more than nothing.
 */
export function checkRefundLimit(refund: Money, paid: Money, options: { allowZero?: boolean } = {}): Check {
  if (refund === null || typeof refund !== 'object' || typeof refund.currency !== 'string') {
    return fail('INVALID_AMOUNT', 'A refund is { amountMinor, currency }.');
  }
  if (!isKnownCurrency(refund.currency)) {
    return fail('UNKNOWN_CURRENCY', `"${refund.currency}" is not a known ISO 4217 currency.`);
  }
  if (refund.currency !== paid.currency) {
    return fail('CURRENCY_MISMATCH', `The refund is in ${refund.currency}; the order was paid in ${paid.currency}.`);
  }
  if (!Number.isSafeInteger(refund.amountMinor) || refund.amountMinor < 0) {
    return fail('INVALID_AMOUNT', `amountMinor must be a whole number ≥ 0 of ${refund.currency} minor units.`);
  }
  if (refund.amountMinor === 0 && !options.allowZero) {
    return fail('INVALID_AMOUNT', 'A refund is more than nothing; propose NO_REFUND instead.');
  }
  if (compareMoney(refund, paid) > 0) {
    return fail(
      'REFUND_ABOVE_PAID',
      `The refund of ${formatMoney(refund)} is above the ${formatMoney(paid)} the buyer paid.`,
    );
  }
  return PASS;
}

// ---------------------------------------------------------------------------------------------------------------

function promisedMsOf(order: Pick<OrderSnapshot, 'promisedDeliveryDays'>): number {
  if (!Number.isInteger(order.promisedDeliveryDays) || order.promisedDeliveryDays < 0) {
    throw new InvalidDurationError(
      `promisedDeliveryDays must be a whole number ≥ 0, got ${order.promisedDeliveryDays}`,
    );
  }
  return order.promisedDeliveryDays * DAY_MS;
}

export function toDate(value: Date | InstantString, name: string): Date {
  const d = value instanceof Date ? value : new Date(value);
  assertInstant(d, name);
  return d;
}
