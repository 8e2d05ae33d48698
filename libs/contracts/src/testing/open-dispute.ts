/** Who a `POST /v1/disputes` is about: the order and its parties. */
export interface OpenDisputeParties {
  orderId: string;
  buyerId: string;
  sellerId: string;
  listingId: string;
}

/** The order snapshot's facts that differ from one caller to the next (the amount and delivery promise default). */
export interface OpenDisputeOrder {
  paidAt: string;
  shippedAt: string;
  buyerCountry: string;
  sellerCountry: string;
  [field: string]: unknown;
}

/**
 * A valid `POST /v1/disputes` body, written once for the intake tests, the intake load generator and the demo seed:
 * a NOT_AS_DESCRIBED (QUANTITY_SHORT) refund of 9.99 USD with one photo, in French, on an order of 9.99 USD promised
 * in 20 days. `overrides` replace top-level fields (a whole `order` too).
 */
export function openDisputeBody(
  parties: OpenDisputeParties,
  order: OpenDisputeOrder,
  overrides: Record<string, unknown> = {},
) {
  return {
    ...parties,
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'QUANTITY_SHORT',
    requested: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
    description: 'The lot had 6 pendants, not 10.',
    evidence: [{ kind: 'PHOTO', url: 'https://img.example.com/lot.jpg' }],
    buyerLocale: 'fr-FR',
    order: { amount: { amountMinor: 999, currency: 'USD' }, promisedDeliveryDays: 20, ...order },
    ...overrides,
  };
}
