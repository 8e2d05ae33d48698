/**
 * Seller metrics (docs/DOMAIN.md, "Seller metrics"), computed from a seller's dispute events. Pure: the repository
 * loads the events, this folds them. The cohort is the disputes opened inside the window; what happened to them
 * afterwards (escalation, ruling, resolution) counts whenever it happened. Rates are fractions (0.02 = 2 %), null
 * when their denominator is zero.
 *
 * - dispute rate: disputes opened / orders shipped in the window;
 * - escalation rate: disputes escalated / disputes;
 * - seller-at-fault rate: rulings against the seller (any outcome but SELLER_FAVOUR) / disputes;
 * - closed without seller resolution: disputes resolved without the seller settling them (a ruling, the
 *   seller-response deadline auto-accepting, or the return-receipt deadline refunding the buyer) and not in the
 *   seller's favour / orders shipped (eBay's defect: at most 0.5 % for top sellers);
 * - median first response: openedAt to the seller's first answer (seconds);
 * - answered within deadline: first answers before the seller-response deadline / disputes whose answer fell due
 *   (answered, or auto-accepted when the deadline passed);
 * - disputes avoided by incidents (`incidentMetrics`): see there.
 */
import { required } from '@settle/contracts';

export interface MetricsEvent {
  disputeId: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

export interface SellerMetrics {
  shippedOrders: number;
  disputes: number;
  disputeRate: number | null;
  escalated: number;
  escalationRate: number | null;
  rulingsAgainstSeller: number;
  sellerAtFaultRate: number | null;
  closedWithoutSellerResolution: number;
  closedWithoutSellerResolutionRate: number | null;
  firstResponses: number;
  medianFirstResponseSeconds: number | null;
  responsesDue: number;
  answeredWithinDeadline: number;
  answeredWithinDeadlineShare: number | null;
}

interface DisputeFacts {
  openedAt?: Date;
  firstResponseAt?: Date;
  firstResponseInTime?: boolean;
  autoAccepted: boolean;
  escalated: boolean;
  ruledAgainstSeller: boolean;
  closedWithoutSeller: boolean;
}

const rate = (count: number, over: number): number | null => (over === 0 ? null : count / over);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = required(sorted[middle], 'the middle value');
  return sorted.length % 2 === 1 ? upper : (required(sorted[middle - 1], 'the value below the middle') + upper) / 2;
}

/** `events`: every event of the cohort's disputes, oldest first per dispute. */
export function computeSellerMetrics(events: readonly MetricsEvent[], shippedOrders: number): SellerMetrics {
  const disputes = new Map<string, DisputeFacts>();
  for (const event of events) {
    let facts = disputes.get(event.disputeId);
    if (!facts) {
      facts = { autoAccepted: false, escalated: false, ruledAgainstSeller: false, closedWithoutSeller: false };
      disputes.set(event.disputeId, facts);
    }
    switch (event.type) {
      case 'dispute.opened':
        facts.openedAt = event.occurredAt;
        break;
      case 'dispute.seller_responded':
        if (!facts.firstResponseAt) {
          facts.firstResponseAt = event.occurredAt;
          facts.firstResponseInTime = event.data.withinDeadline !== false;
        }
        break;
      case 'dispute.auto_accepted':
        facts.autoAccepted = true;
        break;
      case 'dispute.escalated':
        facts.escalated = true;
        break;
      case 'dispute.ruled': {
        const ruling = event.data.ruling as { outcome?: string } | undefined;
        if (ruling?.outcome !== 'SELLER_FAVOUR') facts.ruledAgainstSeller = true;
        break;
      }
      case 'dispute.resolved': {
        const resolution = event.data.resolution as { by?: string; inFavourOf?: string } | undefined;
        const bySeller = resolution?.by === 'AGREEMENT';
        facts.closedWithoutSeller = !bySeller && resolution?.inFavourOf !== 'SELLER';
        break;
      }
    }
  }
  const cohort = [...disputes.values()].filter((facts) => facts.openedAt !== undefined);
  const count = (predicate: (facts: DisputeFacts) => boolean) => cohort.filter(predicate).length;
  const responseSeconds = cohort
    .filter((facts) => facts.firstResponseAt)
    .map((facts) => ((facts.firstResponseAt as Date).getTime() - (facts.openedAt as Date).getTime()) / 1000);
  const escalated = count((facts) => facts.escalated);
  const against = count((facts) => facts.ruledAgainstSeller);
  const closedWithout = count((facts) => facts.closedWithoutSeller);
  const due = count((facts) => facts.firstResponseAt !== undefined || facts.autoAccepted);
  const inTime = count((facts) => facts.firstResponseInTime === true);
  return {
    shippedOrders,
    disputes: cohort.length,
    disputeRate: rate(cohort.length, shippedOrders),
    escalated,
    escalationRate: rate(escalated, cohort.length),
    rulingsAgainstSeller: against,
    sellerAtFaultRate: rate(against, cohort.length),
    closedWithoutSellerResolution: closedWithout,
    closedWithoutSellerResolutionRate: rate(closedWithout, shippedOrders),
    firstResponses: responseSeconds.length,
    medianFirstResponseSeconds: median(responseSeconds),
    responsesDue: due,
    answeredWithinDeadline: inTime,
    answeredWithinDeadlineShare: rate(inTime, due),
  };
}

/** An order a supply incident reached (its first `order.refund_offered`, issue 19). */
export interface IncidentOrder {
  orderId: string;
  offeredAt: Date;
}

/** An event of a dispute on one of those orders. */
export interface OrderDisputeEvent {
  orderId: string;
  disputeId: string;
  type: string;
  occurredAt: Date;
}

export interface IncidentMetrics {
  incidentOrders: number;
  disputesAvoidedByIncidents: number;
}

/**
 * Disputes avoided by supply incidents (docs/DOMAIN.md, "Seller metrics"). The cohort is the seller's orders a supply
 * incident reached in the window (the incident's refund offer, `order.refund_offered`). An order counts as a dispute
 * avoided when, as of now, no dispute stands against the seller on it: either no dispute was ever opened on it, or
 * every dispute on it was opened before the offer and ended after it by the buyer withdrawing it (`dispute.cancelled`)
 * or by agreement (`dispute.agreed`) without being escalated or auto-accepted. A dispute opened after the offer, or
 * one still open, escalated or auto-accepted, means the order's dispute was not avoided (yet).
 */
export function incidentMetrics(
  orders: readonly IncidentOrder[],
  events: readonly OrderDisputeEvent[],
): IncidentMetrics {
  const byDispute = new Map<string, { orderId: string; events: OrderDisputeEvent[] }>();
  for (const event of events) {
    const entry = byDispute.get(event.disputeId) ?? { orderId: event.orderId, events: [] };
    entry.events.push(event);
    byDispute.set(event.disputeId, entry);
  }
  const disputesOf = new Map<string, OrderDisputeEvent[][]>();
  for (const { orderId, events: disputeEvents } of byDispute.values()) {
    disputesOf.set(orderId, [...(disputesOf.get(orderId) ?? []), disputeEvents]);
  }
  const settledByIncident = (disputeEvents: OrderDisputeEvent[], offeredAt: Date): boolean => {
    const opened = disputeEvents.find((event) => event.type === 'dispute.opened');
    if (!opened || opened.occurredAt.getTime() >= offeredAt.getTime()) return false;
    if (disputeEvents.some((event) => event.type === 'dispute.escalated' || event.type === 'dispute.auto_accepted'))
      return false;
    return disputeEvents.some(
      (event) =>
        (event.type === 'dispute.cancelled' || event.type === 'dispute.agreed') &&
        event.occurredAt.getTime() >= offeredAt.getTime(),
    );
  };
  const avoided = orders.filter((order) =>
    (disputesOf.get(order.orderId) ?? []).every((disputeEvents) => settledByIncident(disputeEvents, order.offeredAt)),
  ).length;
  return { incidentOrders: orders.length, disputesAvoidedByIncidents: avoided };
}
