import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { IncidentOrdersService } from '../incidents/incident-orders.service';
import { CustomsHoldsService } from './customs-holds.service';
import { DisputeMessagesService } from './dispute-messages.service';
import { DisputeProjectionService } from './dispute-projection.service';

/**
 * Kafka in: the owner's dispute events, the orders' tracking and the orders supply incidents reached, the messages.
 * Delegates only, one service per job.
 */
@Controller()
export class DisputeEventsConsumer {
  constructor(
    private readonly projection: DisputeProjectionService,
    private readonly customsHolds: CustomsHoldsService,
    private readonly messages: DisputeMessagesService,
    private readonly incidentOrders: IncidentOrdersService,
  ) {}

  @EventPattern(Topics.DISPUTE_EVENTS)
  async disputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.projection.onDisputeEvent(message.envelope);
  }

  @EventPattern(Topics.ORDER_EVENTS)
  async orderEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.customsHolds.onOrderEvent(message.envelope);
    await this.incidentOrders.onOrderEvent(message.envelope);
  }

  @EventPattern(Topics.MESSAGE_EVENTS)
  async messageEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.messages.onMessageEvent(message.envelope);
  }
}
