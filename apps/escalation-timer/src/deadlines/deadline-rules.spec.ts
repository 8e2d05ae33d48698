import { DEFAULT_POLICY, open, parsePolicy } from '@settle/dispute-lifecycle';
import {
  customsHoldAction,
  deadlinesAfter,
  DeadlineRuleError,
  dueAction,
  extend,
  nextFireAt,
  pause,
  reconcile,
  reminderInstant,
  resume,
  type AdjustmentRecord,
  type LiveDeadline,
} from './deadline-rules';

const T0 = Date.parse('2025-03-14T09:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const d = (ms: number) => new Date(T0 + ms);
const running = (kind: LiveDeadline['kind'], dueMs: number, id: string = kind): LiveDeadline => ({
  id,
  kind,
  status: 'PENDING',
  dueAt: d(dueMs),
  remainingMs: null,
});
const countries = { sellerCountry: 'CN', buyerCountry: 'FR' };

describe('which deadlines a dispute event runs', () => {
  it('follows the policy when the owner does not state them: 5 days to answer, intervention after the 7th day', () => {
    const specs = deadlinesAfter(
      { type: 'dispute.opened', occurredAt: d(0).toISOString(), countries },
      [],
      DEFAULT_POLICY,
    );
    expect(specs).toEqual([
      { kind: 'SELLER_RESPONSE', dueAt: d(5 * D).toISOString() },
      { kind: 'PLATFORM_INTERVENTION', dueAt: d(7 * D).toISOString() },
    ]);
  });

  it('agrees with the lifecycle the owner runs', () => {
    const opened = open(
      {
        disputeId: 'd1',
        orderId: 'o1',
        buyerId: 'b',
        sellerId: 's',
        listingId: 'l',
        reason: 'NOT_RECEIVED',
        subReason: 'NO_TRACKING_UPDATE',
        requested: { type: 'REFUND_ONLY', refund: { amountMinor: 100, currency: 'USD' } },
        order: {
          amount: { amountMinor: 100, currency: 'USD' },
          paidAt: '2025-02-28T00:00:00Z',
          shippedAt: '2025-03-01T00:00:00Z',
          promisedDeliveryDays: 20,
          buyerCountry: 'FR',
          sellerCountry: 'CN',
        },
      },
      d(0),
      DEFAULT_POLICY,
    );
    if (!opened.ok) throw new Error(opened.rejection.detail);
    const expected = opened.dispute.deadlines.map((deadline) => ({ kind: deadline.kind, dueAt: deadline.dueAt }));
    expect(
      deadlinesAfter({ type: 'dispute.opened', occurredAt: d(0).toISOString(), countries }, [], DEFAULT_POLICY),
    ).toEqual(expected);
  });

  it('restarts the seller clock from the buyer’s modified proposal, and starts return and SLA clocks', () => {
    const live = [running('SELLER_RESPONSE', 5 * D), running('PLATFORM_INTERVENTION', 7 * D)];
    expect(
      deadlinesAfter(
        {
          type: 'dispute.proposal_submitted',
          occurredAt: d(2 * D).toISOString(),
          sellerClockRestarted: true,
          countries,
        },
        live,
        DEFAULT_POLICY,
      ),
    ).toEqual([
      { kind: 'PLATFORM_INTERVENTION', dueAt: d(7 * D).toISOString() },
      { kind: 'SELLER_RESPONSE', dueAt: d(7 * D).toISOString() },
    ]);
    const after = (type: string) =>
      deadlinesAfter({ type, occurredAt: d(0).toISOString(), countries }, [], DEFAULT_POLICY);
    expect(after('dispute.return_requested')).toEqual([{ kind: 'RETURN_SHIPMENT', dueAt: d(10 * D).toISOString() }]);
    expect(after('dispute.return_shipped')).toEqual([{ kind: 'RETURN_RECEIPT', dueAt: d(15 * D).toISOString() }]);
    expect(after('dispute.escalated')).toEqual([{ kind: 'STAFF_RULING_SLA', dueAt: d(2 * D).toISOString() }]);
    expect(after('dispute.agreed')).toEqual([]);
  });

  it('counts business days in the seller’s country when the policy says so', () => {
    const policy = parsePolicy({ sellerResponse: 'P5BD' }, DEFAULT_POLICY);
    // Friday 2025-03-14 09:00 UTC + 5 business days in CN (no holiday that week) = Friday 2025-03-21 09:00 UTC.
    const [seller] = deadlinesAfter({ type: 'dispute.opened', occurredAt: d(0).toISOString(), countries }, [], policy);
    expect(seller).toEqual({ kind: 'SELLER_RESPONSE', dueAt: '2025-03-21T09:00:00.000Z' });
  });
});

describe('reconciling live deadlines with what the owner says runs', () => {
  it('schedules new kinds and cancels the moot ones', () => {
    const live = [running('SELLER_RESPONSE', 5 * D, 'a'), running('PLATFORM_INTERVENTION', 7 * D, 'b')];
    expect(reconcile(live, [{ kind: 'RETURN_SHIPMENT', dueAt: d(10 * D).toISOString() }])).toEqual([
      { type: 'CANCEL', id: 'a', kind: 'SELLER_RESPONSE', reason: 'MOOT' },
      { type: 'CANCEL', id: 'b', kind: 'PLATFORM_INTERVENTION', reason: 'MOOT' },
      { type: 'SCHEDULE', kind: 'RETURN_SHIPMENT', dueAt: d(10 * D), remainingMs: null },
    ]);
  });

  it('keeps an unchanged deadline, moves an extended one, replaces a restarted seller clock', () => {
    const live = [running('SELLER_RESPONSE', 5 * D, 'a'), running('PLATFORM_INTERVENTION', 7 * D, 'b')];
    const intervention = { kind: 'PLATFORM_INTERVENTION' as const, dueAt: d(8 * D).toISOString() };
    const same = [{ kind: 'SELLER_RESPONSE' as const, dueAt: d(5 * D).toISOString() }, intervention];
    expect(reconcile(live, same)).toEqual([{ type: 'MOVE', id: 'b', kind: 'PLATFORM_INTERVENTION', dueAt: d(8 * D) }]);
    const restarted = [{ kind: 'SELLER_RESPONSE' as const, dueAt: d(6 * D).toISOString() }, intervention];
    expect(reconcile(live, restarted, { sellerClockRestarted: true })).toEqual([
      { type: 'CANCEL', id: 'a', kind: 'SELLER_RESPONSE', reason: 'RESTARTED' },
      { type: 'SCHEDULE', kind: 'SELLER_RESPONSE', dueAt: d(6 * D), remainingMs: null, replaces: 'a' },
      { type: 'MOVE', id: 'b', kind: 'PLATFORM_INTERVENTION', dueAt: d(8 * D) },
    ]);
  });

  it('pauses a deadline the owner reports paused and resumes it when it runs again', () => {
    const live = [running('PLATFORM_INTERVENTION', 7 * D, 'b')];
    expect(reconcile(live, [{ kind: 'PLATFORM_INTERVENTION', remainingMs: 3 * D }])).toEqual([
      { type: 'PAUSE', id: 'b', kind: 'PLATFORM_INTERVENTION', remainingMs: 3 * D },
    ]);
    const paused: LiveDeadline = {
      id: 'b',
      kind: 'PLATFORM_INTERVENTION',
      status: 'PAUSED',
      dueAt: null,
      remainingMs: 3 * D,
    };
    expect(reconcile([paused], [{ kind: 'PLATFORM_INTERVENTION', dueAt: d(9 * D).toISOString() }])).toEqual([
      { type: 'MOVE', id: 'b', kind: 'PLATFORM_INTERVENTION', dueAt: d(9 * D) },
    ]);
  });
});

describe('pause, resume and extend', () => {
  it('a pause moves the deadline by exactly the paused time', () => {
    const deadline = running('SELLER_RESPONSE', 5 * D);
    const { remainingMs } = pause(deadline, d(2 * D));
    expect(remainingMs).toBe(3 * D);
    const { dueAt } = resume({ ...deadline, status: 'PAUSED', dueAt: null, remainingMs }, d(2 * D + 30 * H));
    expect(dueAt.getTime() - deadline.dueAt!.getTime()).toBe(30 * H);
  });

  it('refuses to pause twice, to resume a running deadline, to pause one already passed', () => {
    const deadline = running('SELLER_RESPONSE', 5 * D);
    const paused: LiveDeadline = { ...deadline, status: 'PAUSED', dueAt: null, remainingMs: D };
    expect(() => pause(paused, d(0))).toThrow(DeadlineRuleError);
    expect(() => resume(deadline, d(0))).toThrow(expect.objectContaining({ code: 'DEADLINE_NOT_PAUSED' }));
    expect(() => pause(deadline, d(5 * D))).toThrow(expect.objectContaining({ code: 'DEADLINE_ALREADY_PASSED' }));
  });

  it('extends by a duration or until an instant, only later', () => {
    const deadline = running('RETURN_SHIPMENT', 10 * D);
    expect(extend(deadline, { byMs: 2 * D }, d(D)).dueAt).toEqual(d(12 * D));
    expect(extend(deadline, { until: d(11 * D) }, d(D)).dueAt).toEqual(d(11 * D));
    expect(() => extend(deadline, { until: d(9 * D) }, d(D))).toThrow(
      expect.objectContaining({ code: 'EXTENSION_NOT_LATER' }),
    );
    expect(() => extend({ ...deadline, status: 'PAUSED', dueAt: null, remainingMs: D }, { byMs: D }, d(D))).toThrow(
      expect.objectContaining({ code: 'DEADLINE_PAUSED' }),
    );
  });
});

describe('reminders and claiming', () => {
  it('reminds 24 h before each party deadline, never for the staff SLA, never before the deadline was set', () => {
    expect(reminderInstant('SELLER_RESPONSE', d(5 * D), DEFAULT_POLICY, d(0))).toEqual(d(4 * D));
    expect(reminderInstant('STAFF_RULING_SLA', d(2 * D), DEFAULT_POLICY, d(0))).toBeNull();
    expect(reminderInstant('RETURN_RECEIPT', d(12 * H), DEFAULT_POLICY, d(0))).toBeNull();
  });

  it('a claimed row reminds first, then fires at its due time', () => {
    expect(nextFireAt(d(5 * D), d(4 * D), null)).toEqual(d(4 * D));
    expect(nextFireAt(d(5 * D), d(4 * D), d(4 * D))).toEqual(d(5 * D));
    const row = { id: 'a', kind: 'SELLER_RESPONSE' as const, dueAt: d(5 * D), remindAt: d(4 * D), remindedAt: null };
    expect(dueAction(row, d(4 * D))).toEqual({ type: 'REMIND', nextFireAt: d(5 * D) });
    expect(dueAction(row, d(5 * D))).toEqual({ type: 'FIRE' });
  });
});

describe('a customs hold on a NOT_RECEIVED dispute', () => {
  const adjustment = (reasonCode: AdjustmentRecord['reasonCode']): AdjustmentRecord => ({
    action: 'PAUSE',
    reasonCode,
    at: d(0).toISOString(),
    by: 'someone',
  });
  const paused = (kind: LiveDeadline['kind'], adjustments: AdjustmentRecord[]) => ({
    ...running(kind, 0),
    status: 'PAUSED' as const,
    dueAt: null,
    remainingMs: 2 * D,
    adjustments,
  });

  it('pauses the running seller-response and intervention clocks, not one already past due or of another kind', () => {
    const now = d(D);
    expect(customsHoldAction({ ...running('SELLER_RESPONSE', 5 * D), adjustments: [] }, true, now)).toBe('PAUSE');
    expect(customsHoldAction({ ...running('PLATFORM_INTERVENTION', 7 * D), adjustments: [] }, true, now)).toBe('PAUSE');
    expect(customsHoldAction({ ...running('SELLER_RESPONSE', D), adjustments: [] }, true, now)).toBeUndefined();
    expect(customsHoldAction({ ...running('STAFF_RULING_SLA', 5 * D), adjustments: [] }, true, now)).toBeUndefined();
    expect(customsHoldAction(paused('SELLER_RESPONSE', [adjustment('CUSTOMS_HOLD')]), true, now)).toBeUndefined();
  });

  it('resumes on the next scan only what a customs hold paused', () => {
    const now = d(D);
    expect(customsHoldAction(paused('SELLER_RESPONSE', [adjustment('CUSTOMS_HOLD')]), false, now)).toBe('RESUME');
    const byStaff = paused('SELLER_RESPONSE', [adjustment('CUSTOMS_HOLD'), adjustment('CARRIER_EXCEPTION')]);
    expect(customsHoldAction(byStaff, false, now)).toBeUndefined();
    expect(customsHoldAction({ ...running('SELLER_RESPONSE', 5 * D), adjustments: [] }, false, now)).toBeUndefined();
  });
});
