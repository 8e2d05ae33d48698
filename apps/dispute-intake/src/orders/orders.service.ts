import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner } from '@settle/messaging';
import { OrdersRepository, type OrderFacts } from './orders.repository';

export const ORDERS_CONSUMER = 'dispute-intake.orders';

/**
 * The order projection (settle.orders.events.v1): the order snapshot a dispute is opened against when the body
 * carries none, the latest tracking for the NOT_RECEIVED escalation rule, and the shipped orders seller metrics
 * divide by, and the orders a supply incident reached (the disputes incidents avoided). Each event is applied once (inbox), in one transaction with its effect.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async apply(envelope: EventEnvelope): Promise<void> {
    const facts = factsOf(envelope);
    if (!facts) return; // another type on the topic: not this projection's concern
    await this.transactions.handleOnce(ORDERS_CONSUMER, envelope, (tx) =>
      this.orders.merge(tx, envelope.subject, facts),
    );
  }
}

/** What one order event says about its order; undefined for a type the projection ignores. */
export function factsOf(envelope: EventEnvelope): OrderFacts | ((current: OrderFacts) => OrderFacts) | undefined {
  return dispatch<OrderFacts | ((current: OrderFacts) => OrderFacts)>(envelope, {
    [EventType.ORDER_PAID]: (paid) => ({
      buyerId: paid.buyerId,
      sellerId: paid.sellerId,
      listingId: paid.listingId,
      skuId: paid.skuId,
      quantity: paid.quantity,
      amountMinor: paid.amount.amountMinor,
      currency: paid.amount.currency,
      paidAt: new Date(paid.paidAt),
      buyerCountry: paid.buyerCountry,
      sellerCountry: paid.sellerCountry,
      promisedDeliveryDays: paid.promisedDeliveryDays,
      buyerLocale: paid.buyerLocale ?? null,
    }),
    [EventType.ORDER_SHIPPED]: (shipped) => ({
      shippedAt: new Date(shipped.shippedAt),
      carrier: shipped.carrier,
      trackingNumber: shipped.trackingNumber,
    }),
    // A supply incident reached the order (issue 19): the first offer counts, for the seller's metrics.
    [EventType.ORDER_REFUND_OFFERED]: (offered) => {
      const offeredAt = new Date(offered.offeredAt);
      return (current: OrderFacts): OrderFacts =>
        current.incidentOfferedAt
          ? {}
          : {
              incidentId: offered.incidentId,
              incidentOfferedAt: offeredAt,
              sellerId: current.sellerId ?? offered.sellerId,
              buyerId: current.buyerId ?? offered.buyerId,
            };
    },
    [EventType.ORDER_DELIVERED]: (delivered) => ({
      deliveredAt: new Date(delivered.deliveredAt),
      trackingStatus: 'DELIVERED',
    }),
    [EventType.TRACKING_UPDATED]: (update) => {
      const at = new Date(update.at);
      // Scans may arrive late: an older scan never overwrites a newer one.
      return (current: OrderFacts): OrderFacts =>
        current.trackingAt && current.trackingAt.getTime() > at.getTime()
          ? {}
          : {
              trackingStatus: update.status,
              trackingAt: at,
              carrier: update.carrier,
              trackingNumber: update.trackingNumber,
              ...(update.status === 'DELIVERED' && !current.deliveredAt ? { deliveredAt: at } : {}),
            };
    },
  });
}
