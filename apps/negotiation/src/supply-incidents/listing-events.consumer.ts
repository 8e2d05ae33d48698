import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { SupplyListingsService } from './supply-listings.service';

/** settle.listings.events.v1: the listings supply incidents may be declared on. Delegates only. */
@Controller()
export class ListingEventsConsumer {
  constructor(private readonly listings: SupplyListingsService) {}

  @EventPattern(Topics.LISTING_EVENTS)
  async onListingEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.listings.onListingEvent(message.envelope);
  }
}
