import { Injectable } from '@nestjs/common';
import { EventType, type ListingUpsertedPayload } from '@settle/contracts';
import { dispatch, TransactionRunner, type ConsumedMessage } from '@settle/messaging';
import { ImageProber } from '../images/image-prober';
import { SupplyIncidentsService } from '../incidents/supply-incidents.service';
import { AuditsService } from './audits.service';

export const LISTING_UPSERTED_CONSUMER = 'listing-audit.listing-upserted';

/**
 * Audits every `listing.upserted`, and hands negotiation's supply incidents to SupplyIncidentsService; ignores the
 * service's own `listing.audited` / `listing.flagged` on that topic.
 */
@Injectable()
export class ListingEventsService {
  constructor(
    private readonly audits: AuditsService,
    private readonly images: ImageProber,
    private readonly transactions: TransactionRunner,
    private readonly incidents: SupplyIncidentsService,
  ) {}

  async handle(message: ConsumedMessage): Promise<void> {
    await dispatch(message.envelope, {
      [EventType.LISTING_UPSERTED]: (upserted) => this.upserted(message, upserted),
      [EventType.LISTING_SUPPLY_INCIDENT_OPENED]: () => this.incidents.onIncidentEvent(message.envelope),
      [EventType.LISTING_SUPPLY_INCIDENT_UPDATED]: () => this.incidents.onIncidentEvent(message.envelope),
      [EventType.LISTING_SUPPLY_INCIDENT_CLOSED]: () => this.incidents.onIncidentEvent(message.envelope),
    });
  }

  private async upserted(message: ConsumedMessage, upserted: ListingUpsertedPayload): Promise<void> {
    const { updatedAt, version, ...listing } = upserted;
    // The image is probed before the transaction, so no network wait holds the listing's lock.
    const images = await this.images.probe(listing);
    await message.heartbeat();
    await this.transactions.handleOnce(LISTING_UPSERTED_CONSUMER, message.envelope, async (tx) => {
      await this.audits.auditIn(tx, {
        listing,
        trigger: 'UPSERT',
        version,
        validFrom: new Date(updatedAt ?? message.envelope.time),
        images,
      });
    });
  }
}
