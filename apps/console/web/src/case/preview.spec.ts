import { checkRefund, rulingPreview } from './preview';

const paid = { amountMinor: 5994, currency: 'USD' };

describe('what a ruling will do, before it is sent', () => {
  it('refunds the buyer in full, in the buyer’s favour', () => {
    expect(rulingPreview('REFUND_BUYER', null, paid)).toEqual({
      buyer: { refund: paid, returnsItem: false },
      seller: { paysBack: paid, webhooks: ['dispute.ruled', 'dispute.resolved'] },
      inFavourOf: 'BUYER',
    });
  });

  it('shares a partial refund, asks a return for RETURN_AND_REFUND, refunds nothing for the seller', () => {
    expect(rulingPreview('PARTIAL_REFUND', { amountMinor: 2000, currency: 'USD' }, paid).inFavourOf).toBe('SHARED');
    expect(rulingPreview('RETURN_AND_REFUND', paid, paid).buyer).toEqual({ refund: paid, returnsItem: true });
    expect(rulingPreview('SELLER_FAVOUR', null, paid)).toMatchObject({
      buyer: { refund: null, returnsItem: false },
      seller: { paysBack: null },
      inFavourOf: 'SELLER',
    });
  });
});

describe('the refund field', () => {
  const typed = (amountMinor: number) => ({ ok: true as const, amountMinor });

  it('never lets a refund above what was paid through', () => {
    expect(checkRefund('PARTIAL_REFUND', typed(5995), paid)).toEqual({ ok: false, problem: 'abovePaid' });
    expect(checkRefund('RETURN_AND_REFUND', typed(6000), paid)).toEqual({ ok: false, problem: 'abovePaid' });
    expect(checkRefund('PARTIAL_REFUND', typed(5994), paid)).toEqual({ ok: true, refund: paid });
  });

  it('requires an amount for a partial refund, defaults to what was paid otherwise', () => {
    expect(checkRefund('PARTIAL_REFUND', null, paid)).toEqual({ ok: false, problem: 'required' });
    expect(checkRefund('RETURN_AND_REFUND', null, paid)).toEqual({ ok: true, refund: paid });
    expect(checkRefund('REFUND_BUYER', null, paid)).toEqual({ ok: true, refund: paid });
    expect(checkRefund('REFUND_BUYER', typed(100), paid)).toEqual({ ok: false, problem: 'mustBePaid' });
    expect(checkRefund('SELLER_FAVOUR', typed(100), paid)).toEqual({ ok: true, refund: null });
  });

  it('passes on what the typed amount got wrong', () => {
    expect(checkRefund('PARTIAL_REFUND', { ok: false, problem: 'precision' }, paid)).toEqual({
      ok: false,
      problem: 'precision',
    });
    expect(checkRefund('PARTIAL_REFUND', typed(0), paid)).toEqual({ ok: false, problem: 'zero' });
  });
});
