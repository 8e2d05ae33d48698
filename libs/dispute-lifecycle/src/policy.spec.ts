import type { Money } from '@settle/contracts/money';
import type { Dispute, OrderSnapshot } from './domain';
import {
  checkBuyerMayEscalate,
  checkOpeningWindow,
  checkRefundLimit,
  DEFAULT_POLICY,
  DEFAULT_POLICY_JSON,
  deadlineFor,
  escalationWindow,
  openingWindow,
  parsePolicy,
  PolicyError,
  policyToJson,
  reminderFor,
  type Policy,
} from './policy';
import type { Check } from './rejections';
import { DAY, opened, openInput, SHIPPED_AT, T0 } from './spec-fixtures';

const ms = (iso: string) => Date.parse(iso);
const d = (epochMs: number) => new Date(epochMs);
const ruleOf = (check: Check) => (check.ok ? 'OK' : check.rejection.type);

const order = (over: Partial<OrderSnapshot> = {}): OrderSnapshot => ({ ...openInput().order, ...over });

describe('parsePolicy', () => {
  it('gives docs/DOMAIN.md’s defaults', () => {
    const p = DEFAULT_POLICY;
    expect(p.sellerResponse).toMatchObject({ kind: 'CALENDAR', ms: 5 * DAY });
    expect(p.platformIntervention).toMatchObject({ kind: 'CALENDAR', ms: 7 * DAY });
    expect(p.buyerEscalateFrom).toMatchObject({ ms: 4 * DAY });
    expect(p.buyerEscalateUntil).toMatchObject({ ms: 15 * DAY });
    expect(p.returnShipment).toMatchObject({ ms: 10 * DAY });
    expect(p.returnReceipt).toMatchObject({ ms: 15 * DAY });
    expect(p.staffRulingSla).toMatchObject({ ms: 2 * DAY });
    expect(p.reminderLead).toMatchObject({ ms: DAY });
    expect(p.openAfterShipment).toMatchObject({ ms: 10 * DAY });
    expect(p.openAtOnceIfPromisedUnder).toMatchObject({ ms: 5 * DAY });
    expect(p.protectionAfterPromised).toMatchObject({ ms: 15 * DAY });
  });

  it('reads a test policy in seconds, as JSON text, and writes it back', () => {
    const seconds = Object.fromEntries(Object.keys(DEFAULT_POLICY_JSON).map((k) => [k, 'PT5S']));
    const p = parsePolicy(JSON.stringify(seconds));
    expect(p.sellerResponse).toMatchObject({ kind: 'CALENDAR', ms: 5_000 });
    expect(parsePolicy(policyToJson(p))).toEqual(p);
  });

  it('reads keys grouped under "deadlines" and "openingWindow", and business-day values', () => {
    const p = parsePolicy({
      $schema: './policy.schema.json',
      description: 'marketplace A',
      deadlines: {
        sellerResponse: { businessDays: 5, country: 'SELLER' },
        platformIntervention: { duration: 'P7D', endOfDayIn: 'UTC' },
        buyerEscalateFrom: 'P4D',
        buyerEscalateUntil: 'P15D',
        returnShipment: 'P10BD',
        returnReceipt: 'P15D',
        staffRulingSla: { businessDays: 2, country: 'CN' },
        reminderLead: 'PT24H',
      },
      openingWindow: { openAfterShipment: 'P10D', openAtOnceIfPromisedUnder: 'P5D', protectionAfterPromised: 'P15D' },
    });
    expect(p.sellerResponse).toEqual({ kind: 'BUSINESS_DAYS', days: 5, country: 'SELLER', text: 'P5BD' });
    expect(p.returnShipment).toEqual({ kind: 'BUSINESS_DAYS', days: 10, text: 'P10BD' });
    expect(p.platformIntervention).toMatchObject({ endOfDayIn: 'UTC' });
  });

  it('fills missing keys from a base policy when one is given', () => {
    expect(parsePolicy({ sellerResponse: 'P3D' }, DEFAULT_POLICY)).toEqual({
      ...DEFAULT_POLICY,
      sellerResponse: { kind: 'CALENDAR', ms: 3 * DAY, text: 'P3D' },
    });
  });

  const withKey = (key: string, value: unknown) => ({ ...DEFAULT_POLICY_JSON, [key]: value });
  it.each([
    [{ ...DEFAULT_POLICY_JSON, sellerResponse: undefined }, 'sellerResponse', /missing/],
    [withKey('sellerResponse', '5 days'), 'sellerResponse', /not an ISO-8601 duration/],
    [withKey('returnReceipt', 'P1M'), 'returnReceipt', /years and months/],
    [withKey('sellerRespnse', 'P5D'), 'sellerRespnse', /unknown key/],
    [withKey('reminderLead', 'P1BD'), 'reminderLead', /plain calendar duration/],
    [
      withKey('openAtOnceIfPromisedUnder', { duration: 'P5D', endOfDayIn: 'UTC' }),
      'openAtOnceIfPromisedUnder',
      /plain calendar/,
    ],
    [withKey('staffRulingSla', 'P2BD'), 'staffRulingSla', /need a "country"/],
    [withKey('buyerEscalateUntil', 'P3D'), 'buyerEscalateUntil', /ends before buyerEscalateFrom/],
    [{ deadlines: { sellerResponse: 42 } }, 'deadlines.sellerResponse', /string or an object/],
    [{ deadlines: 'P5D' }, 'deadlines', /object of durations/],
    [{ ...DEFAULT_POLICY_JSON, deadlines: { sellerResponse: 'P5D' } }, 'deadlines.sellerResponse', /given twice/],
    ['{ not json', '(policy)', /not valid JSON/],
    [[], '(policy)', /JSON object/],
  ])('refuses %j, naming %s', (json, key, message) => {
    let error: unknown;
    try {
      parsePolicy(JSON.parse(JSON.stringify(json)) as unknown);
    } catch (e) {
      error = e;
    }
    if (typeof json === 'string') {
      try {
        parsePolicy(json);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).key).toBe(key);
    expect((error as PolicyError).message).toMatch(message);
    expect((error as PolicyError).message).toContain(key);
  });
});

describe('openingWindow and checkOpeningWindow', () => {
  // Shipped 2026-02-12 09:00Z, 10 promised days: from 10 days after shipment until 10 + 15 days after it.
  const opensAt = ms('2026-02-22T09:00:00.000Z');
  const closesAt = ms('2026-03-09T09:00:00.000Z');

  it('opens 10 days after shipment and closes promised days + 15 days after it', () => {
    expect(openingWindow(order(), DEFAULT_POLICY)).toEqual({ opensAt: d(opensAt), closesAt: d(closesAt) });
  });

  it.each([
    [opensAt - 1, 'DISPUTE_WINDOW_NOT_OPEN'],
    [opensAt, 'OK'],
    [opensAt + 1, 'OK'],
    [closesAt - 1, 'OK'],
    [closesAt, 'DISPUTE_WINDOW_CLOSED'],
    [closesAt + 1, 'DISPUTE_WINDOW_CLOSED'],
  ])('at %d: %s', (now, rule) => {
    expect(ruleOf(checkOpeningWindow(order(), d(now), DEFAULT_POLICY))).toBe(rule);
  });

  it('opens at once (from shipment) when the promised delivery time is under 5 days', () => {
    const fast = order({ promisedDeliveryDays: 4 });
    const shipped = ms(SHIPPED_AT);
    expect(openingWindow(fast, DEFAULT_POLICY)).toEqual({ opensAt: d(shipped), closesAt: d(shipped + 19 * DAY) });
    expect(ruleOf(checkOpeningWindow(fast, d(shipped - 1), DEFAULT_POLICY))).toBe('DISPUTE_WINDOW_NOT_OPEN');
    expect(ruleOf(checkOpeningWindow(fast, d(shipped), DEFAULT_POLICY))).toBe('OK');
    expect(ruleOf(checkOpeningWindow(fast, d(shipped + 19 * DAY - 1), DEFAULT_POLICY))).toBe('OK');
    expect(ruleOf(checkOpeningWindow(fast, d(shipped + 19 * DAY), DEFAULT_POLICY))).toBe('DISPUTE_WINDOW_CLOSED');
  });

  it('does not open at once when the promised time is exactly 5 days (not under)', () => {
    expect(openingWindow(order({ promisedDeliveryDays: 5 }), DEFAULT_POLICY).opensAt).toEqual(
      d(ms(SHIPPED_AT) + 10 * DAY),
    );
  });

  it('counts from payment for an order that was never shipped', () => {
    const unshipped = order({ shippedAt: undefined, trackingStatus: undefined, deliveredAt: undefined });
    const paid = ms(unshipped.paidAt);
    expect(openingWindow(unshipped, DEFAULT_POLICY)).toEqual({
      opensAt: d(paid + 10 * DAY),
      closesAt: d(paid + 25 * DAY),
    });
  });

  it('follows the policy: seconds in a test policy', () => {
    const fast = parsePolicy({ openAfterShipment: 'PT10S', protectionAfterPromised: 'PT15S' }, DEFAULT_POLICY);
    const w = openingWindow(order({ promisedDeliveryDays: 7 }), fast);
    expect(w.opensAt).toEqual(d(ms(SHIPPED_AT) + 10_000));
    expect(w.closesAt).toEqual(d(ms(SHIPPED_AT) + 7 * DAY + 15_000));
  });
});

describe('checkBuyerMayEscalate', () => {
  const dispute = opened(); // opened at T0, NOT_AS_DESCRIBED
  const from = T0.getTime() + 4 * DAY;
  const until = T0.getTime() + 15 * DAY;

  it('is allowed from day 4 to day 15 after opening', () => {
    expect(escalationWindow(dispute, DEFAULT_POLICY)).toEqual({ opensAt: d(from), closesAt: d(until) });
  });

  it.each([
    [from - 1, 'ESCALATION_TOO_EARLY'],
    [from, 'OK'],
    [from + 1, 'OK'],
    [until - 1, 'OK'],
    [until, 'ESCALATION_WINDOW_CLOSED'],
    [until + 1, 'ESCALATION_WINDOW_CLOSED'],
  ])('at %d: %s', (now, rule) => {
    expect(ruleOf(checkBuyerMayEscalate(dispute, d(now), DEFAULT_POLICY))).toBe(rule);
  });

  describe('NOT_RECEIVED while the parcel is in transit', () => {
    // 30 promised days: the promised delivery time runs until 2026-03-14 09:00Z, inside the escalate window.
    const inTransit: Dispute = opened({
      reason: 'NOT_RECEIVED',
      subReason: 'NO_TRACKING_UPDATE',
      evidence: [],
      order: order({ promisedDeliveryDays: 30, trackingStatus: 'IN_TRANSIT', deliveredAt: undefined }),
    });
    const promised = ms('2026-03-14T09:00:00.000Z');

    it.each([
      [promised - 1, 'NOT_RECEIVED_IN_TRANSIT'],
      [promised, 'OK'],
      [promised + 1, 'OK'],
    ])('at %d: %s', (now, rule) => {
      expect(ruleOf(checkBuyerMayEscalate(inTransit, d(now), DEFAULT_POLICY))).toBe(rule);
    });

    it('counts customs-held and out-for-delivery parcels as in transit', () => {
      for (const trackingStatus of ['CUSTOMS_HELD', 'OUT_FOR_DELIVERY'] as const) {
        expect(ruleOf(checkBuyerMayEscalate(inTransit, d(promised - 1), DEFAULT_POLICY, { trackingStatus }))).toBe(
          'NOT_RECEIVED_IN_TRANSIT',
        );
      }
    });

    it('allows escalation once the latest tracking says delivered or lost, or for other reasons', () => {
      const now = d(promised - DAY);
      expect(ruleOf(checkBuyerMayEscalate(inTransit, now, DEFAULT_POLICY, { trackingStatus: 'DELIVERED' }))).toBe('OK');
      expect(ruleOf(checkBuyerMayEscalate(inTransit, now, DEFAULT_POLICY, { trackingStatus: 'EXCEPTION' }))).toBe('OK');
      expect(ruleOf(checkBuyerMayEscalate({ ...inTransit, reason: 'NOT_AS_DESCRIBED' }, now, DEFAULT_POLICY))).toBe(
        'OK',
      );
    });
  });
});

describe('checkRefundLimit', () => {
  const m = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });
  it.each([
    // JPY has no minor unit: 1500 JPY is 1500.
    [m(1500, 'JPY'), m(1500, 'JPY'), 'OK'],
    [m(1, 'JPY'), m(1500, 'JPY'), 'OK'],
    [m(1501, 'JPY'), m(1500, 'JPY'), 'REFUND_ABOVE_PAID'],
    [m(1500, 'USD'), m(1500, 'JPY'), 'CURRENCY_MISMATCH'],
    // USD: 19.99 USD is 1999 cents.
    [m(1999, 'USD'), m(1999, 'USD'), 'OK'],
    [m(2000, 'USD'), m(1999, 'USD'), 'REFUND_ABOVE_PAID'],
    [m(19.99, 'USD'), m(1999, 'USD'), 'INVALID_AMOUNT'],
    [m(-1, 'USD'), m(1999, 'USD'), 'INVALID_AMOUNT'],
    [m(0, 'USD'), m(1999, 'USD'), 'INVALID_AMOUNT'],
    // KWD has three decimals: 1.250 KWD is 1250 fils.
    [m(1250, 'KWD'), m(1250, 'KWD'), 'OK'],
    [m(1251, 'KWD'), m(1250, 'KWD'), 'REFUND_ABOVE_PAID'],
    [m(125, 'KWD'), m(1250, 'KWD'), 'OK'],
    [m(1250, 'XYZ'), m(1250, 'KWD'), 'UNKNOWN_CURRENCY'],
  ])('%j against %j paid: %s', (refund, paid, rule) => {
    expect(ruleOf(checkRefundLimit(refund, paid))).toBe(rule);
  });

  it('names both amounts in their currency’s own format', () => {
    const kwd = checkRefundLimit(m(1251, 'KWD'), m(1250, 'KWD'));
    expect(!kwd.ok && kwd.rejection.detail).toBe('The refund of 1.251 KWD is above the 1.250 KWD the buyer paid.');
    const jpy = checkRefundLimit(m(1501, 'JPY'), m(1500, 'JPY'));
    expect(!jpy.ok && jpy.rejection.detail).toBe('The refund of 1501 JPY is above the 1500 JPY the buyer paid.');
  });

  it('allows nothing only when asked', () => {
    expect(ruleOf(checkRefundLimit(m(0, 'JPY'), m(1500, 'JPY'), { allowZero: true }))).toBe('OK');
  });
});

describe('deadlineFor and reminders', () => {
  const ctx = { sellerCountry: 'CN', buyerCountry: 'US' };
  it.each([
    ['SELLER_RESPONSE', 5],
    ['PLATFORM_INTERVENTION', 7],
    ['RETURN_SHIPMENT', 10],
    ['RETURN_RECEIPT', 15],
    ['STAFF_RULING_SLA', 2],
  ] as const)('%s is %d days after its start by default', (kind, n) => {
    expect(deadlineFor(kind, T0, DEFAULT_POLICY, ctx)).toEqual(d(T0.getTime() + n * DAY));
  });

  it('the 7th day is included: the platform steps in at openedAt + 7 × 24 h, or at the end of that day', () => {
    expect(deadlineFor('PLATFORM_INTERVENTION', T0, DEFAULT_POLICY, ctx).toISOString()).toBe(
      '2026-03-09T09:00:00.000Z',
    );
    const calendarDays: Policy = parsePolicy(
      { platformIntervention: { duration: 'P7D', endOfDayIn: 'UTC' } },
      DEFAULT_POLICY,
    );
    expect(deadlineFor('PLATFORM_INTERVENTION', T0, calendarDays, ctx).toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });

  it('counts a business-day deadline in the country of the party who must act', () => {
    const bd = parsePolicy({ sellerResponse: 'P1BD', returnShipment: 'P1BD' }, DEFAULT_POLICY);
    const wednesday = new Date('2026-09-30T02:00:00Z');
    // The seller (CN) loses the National Day holidays; the buyer (US) does not.
    expect(deadlineFor('SELLER_RESPONSE', wednesday, bd, ctx).toISOString()).toBe('2026-10-05T02:00:00.000Z');
    expect(deadlineFor('RETURN_SHIPMENT', wednesday, bd, ctx).toISOString()).toBe('2026-10-01T02:00:00.000Z');
  });

  it('reminds the party 24 h before its deadline, never staff, never before the deadline was set', () => {
    const due = d(T0.getTime() + 5 * DAY);
    expect(reminderFor({ kind: 'SELLER_RESPONSE', dueAt: due }, DEFAULT_POLICY)).toEqual({
      kind: 'SELLER_RESPONSE',
      party: 'SELLER',
      remindAt: d(T0.getTime() + 4 * DAY),
      dueAt: due,
    });
    expect(reminderFor({ kind: 'PLATFORM_INTERVENTION', dueAt: due.toISOString() }, DEFAULT_POLICY)?.party).toBe(
      'BOTH',
    );
    expect(reminderFor({ kind: 'RETURN_SHIPMENT', dueAt: due }, DEFAULT_POLICY)?.party).toBe('BUYER');
    expect(reminderFor({ kind: 'STAFF_RULING_SLA', dueAt: due }, DEFAULT_POLICY)).toBeNull();
    expect(
      reminderFor({ kind: 'SELLER_RESPONSE', dueAt: due }, DEFAULT_POLICY, d(T0.getTime() + 4 * DAY + 1)),
    ).toBeNull();
  });
});
