import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { OrdersRepository } from './orders.repository';

export const ORDER_EVENTS_CONSUMER = 'negotiation.order-events';

/** Keeps the orders the seller's case context counts (paid, shipped, delivered). */
@Injectable()
export class OrderHistoryService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.ORDER_PAID]: (paid) => (tx) =>
        this.orders.upsertPaid(tx, {
          orderId: paid.orderId,
          buyerId: paid.buyerId,
          sellerId: paid.sellerId,
          listingId: paid.listingId,
          amount: paid.amount,
          paidAt: paid.paidAt,
        }),
      [EventType.ORDER_SHIPPED]: (shipped) => (tx) => this.orders.markShipped(tx, shipped.orderId, shipped.shippedAt),
      [EventType.ORDER_DELIVERED]: (delivered) => (tx) =>
        this.orders.markDelivered(tx, delivered.orderId, delivered.deliveredAt),
    });
    if (work) await this.transactions.handleOnce(ORDER_EVENTS_CONSUMER, envelope, work);
  }
}
