import { randomBytes } from 'node:crypto';

const DAY = 86_400_000;

export interface DisputeRequestOptions {
  sellerId: string;
  buyerId?: string;
  orderId?: string;
  listingId?: string;
  reason?: string;
  subReason?: string;
  requested?: { type: 'REFUND_ONLY' | 'RETURN_AND_REFUND'; refund: { amountMinor: number; currency: string } };
  evidence?: { kind: string; url: string }[];
  paidMinor?: number;
  shippedDaysAgo?: number;
  promisedDeliveryDays?: number;
  /** Leave the order snapshot out: the order is known from order events. */
  withoutOrder?: boolean;
}

/** A `POST /v1/disputes` body as the marketplace backend sends it (docs/CONTRACT.md), inside the opening window. */
export function disputeRequest(options: DisputeRequestOptions): Record<string, unknown> {
  const suffix = randomBytes(4).toString('hex');
  const paidMinor = options.paidMinor ?? 4_999;
  const shippedDaysAgo = options.shippedDaysAgo ?? 12;
  const now = Date.now();
  return {
    orderId: options.orderId ?? `O-${suffix}`,
    buyerId: options.buyerId ?? `B-${suffix}`,
    sellerId: options.sellerId,
    listingId: options.listingId ?? `L-${suffix}`,
    reason: options.reason ?? 'NOT_RECEIVED',
    subReason: options.subReason ?? 'IN_TRANSIT_OVERDUE',
    requested: options.requested ?? { type: 'REFUND_ONLY', refund: { amountMinor: paidMinor, currency: 'USD' } },
    description: 'The parcel has not arrived and the tracking has not moved for two weeks.',
    evidence: options.evidence ?? [],
    buyerLocale: 'fr-FR',
    ...(options.withoutOrder
      ? {}
      : {
          order: {
            amount: { amountMinor: paidMinor, currency: 'USD' },
            paidAt: new Date(now - (shippedDaysAgo + 1) * DAY).toISOString(),
            shippedAt: new Date(now - shippedDaysAgo * DAY).toISOString(),
            promisedDeliveryDays: options.promisedDeliveryDays ?? 10,
            carrier: 'China Post',
            trackingNumber: `RR${suffix.toUpperCase()}CN`,
            buyerCountry: 'FR',
            sellerCountry: 'CN',
          },
        }),
  };
}
