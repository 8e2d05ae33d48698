import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EventType,
  Topics,
  type EventEnvelope,
  type OrderDeliveredPayload,
  type OrderPaidPayload,
  type OrderShippedPayload,
} from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { TransactionRunner } from '../shared/transaction.repository';
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
    await this.transactions.handleOnce(ORDER_EVENTS_CONSUMER, envelope, async (transaction) => {
      switch (envelope.type) {
        case EventType.ORDER_PAID: {
          const paid = envelope.data as OrderPaidPayload;
          await this.orders.upsertPaid(transaction, {
            orderId: paid.orderId,
            buyerId: paid.buyerId,
            sellerId: paid.sellerId,
            listingId: paid.listingId,
            amount: paid.amount,
            paidAt: paid.paidAt,
          });
          break;
        }
        case EventType.ORDER_SHIPPED: {
          const shipped = envelope.data as OrderShippedPayload;
          await this.orders.markShipped(transaction, shipped.orderId, shipped.shippedAt);
          break;
        }
        case EventType.ORDER_DELIVERED: {
          const delivered = envelope.data as OrderDeliveredPayload;
          await this.orders.markDelivered(transaction, delivered.orderId, delivered.deliveredAt);
          break;
        }
        default:
          break;
      }
    });
  }
}

@Controller()
export class OrderEventsConsumer {
  constructor(private readonly history: OrderHistoryService) {}

  @EventPattern(Topics.ORDER_EVENTS)
  async onOrderEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.history.handle(message.envelope);
  }
}
