import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { SupplyIncidentsService } from '../supply-incidents/supply-incidents.service';
import { OrdersRepository } from './orders.repository';

export const ORDER_EVENTS_CONSUMER = 'negotiation.order-events';

/**
 * The order events this service reads. The orders topic also carries what negotiation itself publishes for the
 * marketplace (a supply incident's order.buyer_notice_requested and order.refund_offered, two per affected order):
 * OrderEventsConsumer skips those unparsed (HandlerExtras.types), so an incident's fan-out does not come back to it.
 */
export const ORDER_EVENT_TYPES = [
  EventType.ORDER_PAID,
  EventType.ORDER_SHIPPED,
  EventType.ORDER_DELIVERED,
  EventType.ORDER_REFUND_ACCEPTED,
] as const;

/**
 * Keeps the orders the seller's case context counts (paid, shipped, delivered), and in the same transaction lets
 * supply incidents add an order paid after an incident opened, drop one that shipped after all, or settle one whose
 * buyer accepted the refund (order.refund_accepted, from the marketplace).
 */
@Injectable()
export class OrderHistoryService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly transactions: TransactionRunner,
    private readonly supplyIncidents: SupplyIncidentsService,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.ORDER_PAID]: (paid) => async (tx) => {
        await this.orders.upsertPaid(tx, {
          orderId: paid.orderId,
          buyerId: paid.buyerId,
          sellerId: paid.sellerId,
          listingId: paid.listingId,
          skuId: paid.skuId,
          buyerLocale: paid.buyerLocale ?? null,
          amount: paid.amount,
          paidAt: paid.paidAt,
        });
        await this.supplyIncidents.onOrderPaid(tx, paid);
      },
      [EventType.ORDER_SHIPPED]: (shipped) => async (tx) => {
        await this.orders.markShipped(tx, shipped.orderId, shipped.shippedAt);
        await this.supplyIncidents.onOrderShipped(tx, shipped.orderId, shipped.shippedAt);
      },
      [EventType.ORDER_DELIVERED]: (delivered) => (tx) =>
        this.orders.markDelivered(tx, delivered.orderId, delivered.deliveredAt),
      [EventType.ORDER_REFUND_ACCEPTED]: (accepted) => (tx) => this.supplyIncidents.onRefundAccepted(tx, accepted),
    });
    if (work) await this.transactions.handleOnce(ORDER_EVENTS_CONSUMER, envelope, work);
  }
}
