import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { ListingEventsService } from './listing-events.service';

/** settle.listings.events.v1: each `listing.upserted` audited. Delegates only. */
@Controller()
export class AuditsConsumer {
  constructor(private readonly listings: ListingEventsService) {}

  @EventPattern(Topics.LISTING_EVENTS)
  async onListingEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.listings.handle(message);
  }
}
