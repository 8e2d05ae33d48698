import type { Money } from '@settle/contracts';

/**
 * A buyer's recency / frequency / monetary standing with ONE seller, from that seller's own orders and disputes
 * (nothing about the buyer's dealings with other sellers), so the seller can weigh keeping a good customer
 * against an abusive one. Plain TypeScript, explicit instants.
 */
export interface OrderFact {
  paidAt: string;
  amount: Money;
}

export interface DisputeFact {
  status: string;
  inFavourOf?: string;
}

export const Segment = {
  NO_HISTORY: 'NO_HISTORY',
  NEW: 'NEW',
  LOYAL: 'LOYAL',
  REPEAT: 'REPEAT',
  OCCASIONAL: 'OCCASIONAL',
  LAPSED: 'LAPSED',
} as const;
export type Segment = (typeof Segment)[keyof typeof Segment];

export interface Rfm {
  recencyDays: number | null;
  frequency: number;
  /** What the buyer paid this seller, per currency (never converted). */
  monetary: Money[];
  /** 1 (low) to 5 (high) each; monetary relative to this seller's average order in the same currency. */
  scores: { recency: number; frequency: number; monetary: number };
  segment: Segment;
  /** Signals worth a look: many disputes for few orders, most disputes lost by the buyer. */
  flags: string[];
  disputeRate: number | null;
}

const DAY_MS = 86_400_000;

export function totalPaid(orders: OrderFact[]): Money[] {
  const totals = new Map<string, number>();
  for (const order of orders)
    totals.set(order.amount.currency, (totals.get(order.amount.currency) ?? 0) + order.amount.amountMinor);
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

export function rfmOf(
  orders: OrderFact[],
  disputes: DisputeFact[],
  now: Date,
  /** This seller's average order value per currency (minor units), for the monetary score. */
  sellerAverageOrder: Record<string, number>,
): Rfm {
  const monetary = totalPaid(orders);
  const frequency = orders.length;
  const lastPaid = orders.reduce<number | null>((latest, order) => {
    const at = Date.parse(order.paidAt);
    return latest === null || at > latest ? at : latest;
  }, null);
  const recencyDays = lastPaid === null ? null : Math.max(0, Math.floor((now.getTime() - lastPaid) / DAY_MS));
  const recency =
    recencyDays === null
      ? 1
      : recencyDays <= 30
        ? 5
        : recencyDays <= 90
          ? 4
          : recencyDays <= 180
            ? 3
            : recencyDays <= 365
              ? 2
              : 1;
  const frequencyScore = frequency >= 10 ? 5 : frequency >= 5 ? 4 : frequency >= 3 ? 3 : frequency === 2 ? 2 : 1;
  const ratio = Math.max(
    0,
    ...monetary.map((total) => {
      const average = sellerAverageOrder[total.currency];
      return average ? total.amountMinor / average : 0;
    }),
  );
  const monetaryScore = ratio >= 10 ? 5 : ratio >= 5 ? 4 : ratio >= 2 ? 3 : ratio >= 1 ? 2 : 1;

  let segment: Segment;
  if (frequency === 0 || recencyDays === null) segment = Segment.NO_HISTORY;
  else if (recencyDays > 180) segment = Segment.LAPSED;
  else if (frequency >= 5 && recencyDays <= 90) segment = Segment.LOYAL;
  else if (frequency >= 2) segment = Segment.REPEAT;
  else if (recencyDays <= 90) segment = Segment.NEW;
  else segment = Segment.OCCASIONAL;

  const flags: string[] = [];
  const disputeRate = frequency === 0 ? null : disputes.length / frequency;
  if (disputes.length >= 2 && disputeRate !== null && disputeRate >= 0.5) flags.push('FREQUENT_DISPUTES');
  const decided = disputes.filter((dispute) => dispute.inFavourOf === 'SELLER' || dispute.inFavourOf === 'BUYER');
  if (
    decided.length >= 2 &&
    decided.filter((dispute) => dispute.inFavourOf === 'SELLER').length / decided.length > 0.5
  ) {
    flags.push('MOSTLY_UNFOUNDED_DISPUTES');
  }
  return {
    recencyDays,
    frequency,
    monetary,
    scores: { recency, frequency: frequencyScore, monetary: monetaryScore },
    segment,
    flags,
    disputeRate,
  };
}
