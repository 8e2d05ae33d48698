import type { Money } from '../format/money';
import type { RulingOutcome } from '../api/types';

/** What a ruling will do, said before it is sent (Mastodon's admin "preview" before an action, made concrete). */
export interface RulingPreview {
  buyer: { refund: Money | null; returnsItem: boolean };
  seller: { paysBack: Money | null; webhooks: string[] };
  inFavourOf: 'BUYER' | 'SELLER' | 'SHARED';
}

/** Every ruling records `dispute.ruled` and resolves the dispute: the seller's endpoint gets both. */
export const RULING_WEBHOOKS = ['dispute.ruled', 'dispute.resolved'] as const;

export function rulingPreview(outcome: RulingOutcome, refund: Money | null, paid: Money): RulingPreview {
  const refunded = outcome === 'SELLER_FAVOUR' ? null : outcome === 'REFUND_BUYER' ? (refund ?? paid) : refund;
  const amount = refunded?.amountMinor ?? 0;
  return {
    buyer: { refund: amount > 0 ? refunded : null, returnsItem: outcome === 'RETURN_AND_REFUND' },
    seller: { paysBack: amount > 0 ? refunded : null, webhooks: [...RULING_WEBHOOKS] },
    inFavourOf: amount === 0 ? 'SELLER' : amount >= paid.amountMinor ? 'BUYER' : 'SHARED',
  };
}

export type RefundCheck =
  | { ok: true; refund: Money | null }
  | { ok: false; problem: 'required' | 'format' | 'precision' | 'abovePaid' | 'zero' | 'mustBePaid' };

/**
 * The refund field against the outcome and what was paid, before anything is sent: REFUND_BUYER refunds what
 * was paid, PARTIAL_REFUND names an amount above zero and not above it, RETURN_AND_REFUND defaults to it,
 * SELLER_FAVOUR refunds nothing. The service checks the same again.
 */
export function checkRefund(
  outcome: RulingOutcome,
  parsed: { ok: true; amountMinor: number } | { ok: false; problem: 'format' | 'precision' } | null,
  paid: Money,
): RefundCheck {
  if (outcome === 'SELLER_FAVOUR') return { ok: true, refund: null };
  if (parsed === null) {
    return outcome === 'PARTIAL_REFUND' ? { ok: false, problem: 'required' } : { ok: true, refund: paid };
  }
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  if (parsed.amountMinor > paid.amountMinor) return { ok: false, problem: 'abovePaid' };
  if (parsed.amountMinor === 0) return { ok: false, problem: 'zero' };
  if (outcome === 'REFUND_BUYER' && parsed.amountMinor !== paid.amountMinor)
    return { ok: false, problem: 'mustBePaid' };
  return { ok: true, refund: { amountMinor: parsed.amountMinor, currency: paid.currency } };
}
