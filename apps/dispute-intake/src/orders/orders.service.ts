import { Injectable } from '@nestjs/common';
import {
  EventType,
  type EventEnvelope,
  type OrderDeliveredPayload,
  type OrderPaidPayload,
  type OrderShippedPayload,
  type TrackingUpdatedPayload,
} from '@settle/contracts';
import { DisputesRepository } from '../disputes/disputes.repository';
import { OrdersRepository, type OrderFacts } from './orders.repository';

export const ORDERS_CONSUMER = 'dispute-intake.orders';

/**
 * The order projection (settle.orders.events.v1): the order snapshot a dispute is opened against when the body
 * carries none, the latest tracking for the NOT_RECEIVED escalation rule, and the shipped orders seller metrics
 * divide by. Each event is applied once (inbox), in one transaction with its effect.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly disputes: DisputesRepository,
  ) {}

  async apply(envelope: EventEnvelope): Promise<void> {
    const facts = factsOf(envelope);
    if (!facts) return; // another type on the topic: not this projection's concern
    await this.disputes.transaction(async (tx) => {
      if (!(await this.disputes.claim(tx, ORDERS_CONSUMER, envelope.id))) return;
      await this.orders.merge(tx, envelope.subject, facts);
    });
  }
}

/** What one order event says about its order; undefined for a type the projection ignores. */
export function factsOf(envelope: EventEnvelope): OrderFacts | ((current: OrderFacts) => OrderFacts) | undefined {
  switch (envelope.type) {
    case EventType.ORDER_PAID: {
      const paid = envelope.data as OrderPaidPayload;
      return {
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
      };
    }
    case EventType.ORDER_SHIPPED: {
      const shipped = envelope.data as OrderShippedPayload;
      return {
        shippedAt: new Date(shipped.shippedAt),
        carrier: shipped.carrier,
        trackingNumber: shipped.trackingNumber,
      };
    }
    case EventType.ORDER_DELIVERED: {
      const delivered = envelope.data as OrderDeliveredPayload;
      return { deliveredAt: new Date(delivered.deliveredAt), trackingStatus: 'DELIVERED' };
    }
    case EventType.TRACKING_UPDATED: {
      const update = envelope.data as TrackingUpdatedPayload;
      const at = new Date(update.at);
      // Scans may arrive late: an older scan never overwrites a newer one.
      return (current) =>
        current.trackingAt && current.trackingAt.getTime() > at.getTime()
          ? {}
          : {
              trackingStatus: update.status,
              trackingAt: at,
              carrier: update.carrier,
              trackingNumber: update.trackingNumber,
              ...(update.status === 'DELIVERED' && !current.deliveredAt ? { deliveredAt: at } : {}),
            };
    }
    default:
      return undefined;
  }
}
