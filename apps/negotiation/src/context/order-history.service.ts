import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { SupplyIncidentsService } from '../supply-incidents/supply-incidents.service';
import { OrdersRepository } from './orders.repository';

export const ORDER_EVENTS_CONSUMER = 'negotiation.order-events';

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
