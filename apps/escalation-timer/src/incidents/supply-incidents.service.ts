import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { SupplyIncidentEntity } from './supply-incident.entity';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

export const SUPPLY_INCIDENTS_CONSUMER = 'escalation-timer.supply-incidents';

/**
 * Supply incidents from the listing topic (listing.supply_incident_opened / _updated / _closed), kept for the
 * predicted ruling; each event once, with its inbox record. The listing topic's other types are not the timer's.
 */
@Injectable()
export class SupplyIncidentsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly incidents: SupplyIncidentsRepository,
  ) {}

  async onListingEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.LISTING_SUPPLY_INCIDENT_OPENED]: (opened) => (tx) =>
        this.incidents.recordOpened(
          tx,
          Object.assign(new SupplyIncidentEntity(), {
            incidentId: opened.incidentId,
            listingId: opened.listingId,
            sellerId: opened.sellerId,
            cause: opened.cause,
            remedy: opened.remedy,
            waitUntil: opened.waitUntil ? new Date(opened.waitUntil) : null,
            expectedRestockAt: opened.expectedRestockAt ? new Date(opened.expectedRestockAt) : null,
            openedAt: new Date(opened.openedAt),
            closedAt: null,
          }),
        ),
      [EventType.LISTING_SUPPLY_INCIDENT_UPDATED]: (updated) => (tx) =>
        this.incidents.updateRestock(
          tx,
          updated.incidentId,
          updated.expectedRestockAt ? new Date(updated.expectedRestockAt) : null,
        ),
      [EventType.LISTING_SUPPLY_INCIDENT_CLOSED]: (closed) => (tx) =>
        this.incidents.close(tx, closed.incidentId, new Date(closed.closedAt)),
    });
    if (work) await this.transactions.handleOnce(SUPPLY_INCIDENTS_CONSUMER, envelope, work);
  }
}
