import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@settle/contracts';
import type { ConsumedMessage } from '@settle/messaging';
import { ListingsService } from './listings.service';

/** settle.listings.events.v1: listing.upserted, listing.audited, listing.flagged. */
@Controller()
export class ListingsConsumer {
  constructor(private readonly listings: ListingsService) {}

  @EventPattern(Topics.LISTING_EVENTS)
  async onListingEvent(@Payload() message: ConsumedMessage): Promise<void> {
    await this.listings.apply(message.envelope);
  }
}
