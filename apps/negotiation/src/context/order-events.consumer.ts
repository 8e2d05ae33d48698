import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage, HandlerExtras } from '@settle/messaging';
import { ORDER_EVENT_TYPES, OrderHistoryService } from './order-history.service';

/** settle.orders.events.v1: the orders the seller's case context counts (ORDER_EVENT_TYPES). Delegates only. */
@Controller()
export class OrderEventsConsumer {
  constructor(private readonly history: OrderHistoryService) {}

  @EventPattern(Topics.ORDER_EVENTS, { types: ORDER_EVENT_TYPES } satisfies HandlerExtras)
  async onOrderEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.history.handle(message.envelope);
  }
}
