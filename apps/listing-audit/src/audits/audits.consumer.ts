import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventType, Topics, type ListingUpsertedPayload } from '@settle/contracts';
import { Inbox, type ConsumedMessage } from '@settle/messaging';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ImageProber } from '../images/image-prober';
import { AuditsService } from './audits.service';

/** Audits every `listing.upserted`; ignores the service's own `listing.audited` / `listing.flagged` on that topic. */
@Controller()
export class AuditsConsumer {
  private readonly inbox: Inbox;

  constructor(
    private readonly audits: AuditsService,
    private readonly images: ImageProber,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.inbox = new Inbox(dataSource, 'listing-audit.listing-upserted');
  }

  @EventPattern(Topics.LISTING_EVENTS)
  async onListingEvent(@Payload() message: ConsumedMessage): Promise<void> {
    const { envelope } = message;
    if (envelope.type !== EventType.LISTING_UPSERTED) return;
    const { updatedAt, version, ...listing } = envelope.data as ListingUpsertedPayload;
    // The image is probed before the transaction, so no network wait holds the listing's lock.
    const images = await this.images.probe(listing);
    await message.heartbeat();
    await this.inbox.handleOnce(envelope, async (manager) => {
      await this.audits.auditIn(manager, {
        listing,
        trigger: 'UPSERT',
        version,
        validFrom: new Date(updatedAt ?? envelope.time),
        images,
      });
    });
  }
}
