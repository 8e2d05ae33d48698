import { lintMessage } from '../tone/tone-lint';
import {
  DisputeOutcome,
  NOTICE_LOCALES,
  SupplyIncidentStatus,
  affects,
  buyerNotice,
  close,
  declare,
  disputeOutcome,
  isSettled,
  sellerProposal,
  updateRestock,
  withdrawalRequest,
  type SupplyIncident,
} from './supply-incident';

const now = new Date('2026-03-02T09:00:00Z');
const listing = { listingId: 'L-X36', sellerId: 'S-1', skuIds: ['SKU-EU', 'SKU-US'] };
const context = (open: SupplyIncident[] = []) => ({ id: 'I-1', listing, open, declaredBy: 'seller' as const, now });

function opened(skuIds: string[] = []): SupplyIncident {
  const decision = declare({ listingId: 'L-X36', skuIds, cause: 'SUPPLIER_FAILED' }, context());
  if (!decision.ok) throw new Error(decision.refusal.message);
  return decision.value;
}

describe('declaring a supply incident', () => {
  it('opens with a full refund by default, for the whole listing when no SKU is named', () => {
    const incident = opened();
    expect(incident).toMatchObject({ status: 'OPEN', remedy: 'FULL_REFUND', skuIds: [], sellerId: 'S-1' });
  });

  it('refuses a restock date in the past, naming the field', () => {
    const decision = declare(
      { listingId: 'L-X36', cause: 'OUT_OF_STOCK', expectedRestockAt: '2026-03-01T00:00:00Z' },
      context(),
    );
    expect(decision).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'DATE_IN_THE_PAST', field: 'expectedRestockAt' }),
    });
  });

  it('refuses a second open incident on an overlapping SKU set, and allows a disjoint one', () => {
    const first = opened(['SKU-EU']);
    expect(declare({ listingId: 'L-X36', skuIds: ['SKU-EU'], cause: 'OTHER' }, context([first]))).toMatchObject({
      ok: false,
      refusal: { code: 'SUPPLY_INCIDENT_ALREADY_OPEN' },
    });
    expect(declare({ listingId: 'L-X36', cause: 'OTHER' }, context([first]))).toMatchObject({ ok: false });
    expect(declare({ listingId: 'L-X36', skuIds: ['SKU-US'], cause: 'OTHER' }, context([first]))).toMatchObject({
      ok: true,
    });
    const closed = { ...first, status: SupplyIncidentStatus.CLOSED };
    expect(declare({ listingId: 'L-X36', skuIds: ['SKU-EU'], cause: 'OTHER' }, context([closed]))).toMatchObject({
      ok: true,
    });
  });

  it('refuses a SKU the listing does not have, and waiting without a date', () => {
    expect(declare({ listingId: 'L-X36', skuIds: ['SKU-XX'], cause: 'OTHER' }, context())).toMatchObject({
      refusal: { field: 'skuIds' },
    });
    expect(declare({ listingId: 'L-X36', cause: 'OTHER', remedy: 'WAIT_UNTIL' }, context())).toMatchObject({
      refusal: { field: 'waitUntil' },
    });
  });
});

describe('updating and closing', () => {
  it('moves the restock date while open, refuses a past one, and refuses both once closed', () => {
    const incident = opened();
    expect(updateRestock(incident, '2026-04-01T00:00:00Z', now)).toMatchObject({
      ok: true,
      value: { expectedRestockAt: '2026-04-01T00:00:00.000Z' },
    });
    expect(updateRestock(incident, '2026-01-01T00:00:00Z', now)).toMatchObject({ ok: false });
    const closing = close(incident, now);
    expect(closing).toMatchObject({ ok: true, value: { status: 'CLOSED', closedAt: now.toISOString() } });
    if (!closing.ok) return;
    expect(close(closing.value, now)).toMatchObject({ ok: false, refusal: { code: 'SUPPLY_INCIDENT_CLOSED' } });
    expect(updateRestock(closing.value, null, now)).toMatchObject({ ok: false });
  });
});

describe('which orders an incident concerns', () => {
  it('the listing’s unshipped orders of its SKUs', () => {
    const whole = opened();
    const eu = opened(['SKU-EU']);
    const order = { listingId: 'L-X36', skuId: 'SKU-US', shippedAt: null };
    expect(affects(whole, order)).toBe(true);
    expect(affects(eu, order)).toBe(false);
    expect(affects(whole, { ...order, shippedAt: '2026-03-01T00:00:00Z' })).toBe(false);
    expect(affects(whole, { ...order, listingId: 'L-OTHER' })).toBe(false);
  });
});

describe('the buyer’s notice and the request to withdraw', () => {
  const order = { orderId: 'ORD-1', amount: { amountMinor: 5998, currency: 'USD' }, buyerLocale: 'pt-BR' };

  it('is written in the buyer’s language, filled from the order', () => {
    const notice = buyerNotice(opened(), order);
    expect(notice.locale).toBe('pt');
    expect(notice.body).toContain('ORD-1');
    expect(notice.body).toContain('59.98 USD');
    expect(notice.body).not.toContain('{{');
    expect(buyerNotice(opened(), { ...order, buyerLocale: 'ja' }).locale).toBe('en');
  });

  it.each(NOTICE_LOCALES)('is lint-clean in %s (refund, wait and withdrawal texts)', (locale) => {
    const localized = { ...order, buyerLocale: locale };
    const waiting = { ...opened(), remedy: 'WAIT_UNTIL' as const, waitUntil: '2026-04-01T00:00:00.000Z' };
    for (const text of [
      buyerNotice(opened(), localized),
      buyerNotice(waiting, localized),
      withdrawalRequest(localized),
    ]) {
      expect(lintMessage(text.body).findings).toEqual([]);
      expect(text.body).not.toContain('{{');
    }
  });
});

describe('the disputes of an incident', () => {
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

  it('proposes the whole of what was paid, refund only', () => {
    expect(sellerProposal(usd(5_998))).toEqual({ type: 'REFUND_ONLY', refund: usd(5_998) });
  });

  it('settles the order when the dispute is agreed on a refund, withdrawn, or closed in the buyer’s favour', () => {
    expect(disputeOutcome('OPEN', { kind: 'AGREED', proposal: { type: 'REFUND_ONLY', refund: usd(10) } })).toEqual({
      outcome: DisputeOutcome.AGREED,
      settlesOrder: true,
    });
    expect(disputeOutcome('OPEN', { kind: 'AGREED', proposal: { type: 'NO_REFUND' } })).toEqual({
      outcome: DisputeOutcome.AGREED,
      settlesOrder: false,
    });
    expect(disputeOutcome('OPEN', { kind: 'WITHDRAWN' })).toEqual({ outcome: 'WITHDRAWN', settlesOrder: true });
    expect(disputeOutcome('OPEN', { kind: 'CLOSED', inFavourOf: 'BUYER', refund: usd(10) })).toEqual({
      outcome: 'CLOSED',
      settlesOrder: true,
    });
    expect(disputeOutcome('OPEN', { kind: 'CLOSED', inFavourOf: 'SELLER' })).toEqual({
      outcome: 'CLOSED',
      settlesOrder: false,
    });
  });

  it('keeps an outcome already reached when the agreed dispute resolves', () => {
    expect(disputeOutcome('AGREED', { kind: 'CLOSED', inFavourOf: 'BUYER', refund: usd(10) }).outcome).toBe('AGREED');
  });

  it('is settled once every order still in the incident is, and not while it has none', () => {
    const at = '2026-03-03T00:00:00Z';
    expect(isSettled([])).toBe(false);
    expect(
      isSettled([
        { droppedAt: null, settledAt: at },
        { droppedAt: at, settledAt: null },
      ]),
    ).toBe(true);
    expect(
      isSettled([
        { droppedAt: null, settledAt: at },
        { droppedAt: null, settledAt: null },
      ]),
    ).toBe(false);
  });
});
