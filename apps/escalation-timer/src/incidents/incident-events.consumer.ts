import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { SupplyIncidentsService } from './supply-incidents.service';

/** settle.listings.events.v1: the supply incidents the predicted ruling cites. Delegates only. */
@Controller()
export class IncidentEventsConsumer {
  constructor(private readonly incidents: SupplyIncidentsService) {}

  @EventPattern(Topics.LISTING_EVENTS)
  async listingEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.incidents.onListingEvent(message.envelope);
  }
}
