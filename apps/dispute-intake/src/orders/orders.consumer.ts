import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { OrdersService } from './orders.service';

/** settle.orders.events.v1: order.paid, order.shipped, order.delivered, tracking.updated. */
@Controller()
export class OrdersConsumer {
  constructor(private readonly orders: OrdersService) {}

  @EventPattern(Topics.ORDER_EVENTS)
  async onOrderEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.orders.apply(message.envelope);
  }
}
