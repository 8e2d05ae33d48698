import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

export const LISTING_EVENTS_CONSUMER = 'negotiation.supply-listings';

/** Keeps each listing's seller and SKUs from listing.upserted: who may declare an incident on it, and on what. */
@Injectable()
export class SupplyListingsService {
  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async onListingEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.LISTING_UPSERTED]: (listing) => (tx) =>
        this.incidents.upsertListing(
          tx,
          { listingId: listing.listingId, sellerId: listing.sellerId, skuIds: listing.skus.map((sku) => sku.skuId) },
          listing.updatedAt ?? envelope.time,
        ),
    });
    if (work) await this.transactions.handleOnce(LISTING_EVENTS_CONSUMER, envelope, work);
  }
}
