import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type Transaction, type TransactionWork } from '@settle/messaging';
import { AuditsService } from '../audits/audits.service';
import { SupplyIncidentEntity } from './supply-incident.entity';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

export const SUPPLY_INCIDENTS_CONSUMER = 'listing-audit.supply-incidents';

/**
 * Supply incidents (issue 19, point 2): negotiation's listing.supply_incident_opened / _updated / _closed kept per
 * listing, each followed by a re-audit, so the listing carries SUPPLY_INCIDENT_ACTIVE exactly while an incident is
 * open. Each event once (inbox), its row and its audit in one transaction.
 */
@Injectable()
export class SupplyIncidentsService {
  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly audits: AuditsService,
    private readonly transactions: TransactionRunner,
  ) {}

  async onIncidentEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.LISTING_SUPPLY_INCIDENT_OPENED]: (opened) => (tx) =>
        this.changed(tx, opened.listingId, () =>
          this.incidents.recordOpened(
            tx,
            Object.assign(new SupplyIncidentEntity(), {
              incidentId: opened.incidentId,
              listingId: opened.listingId,
              sellerId: opened.sellerId,
              skuIds: opened.skuIds,
              cause: opened.cause,
              expectedRestockAt: opened.expectedRestockAt ? new Date(opened.expectedRestockAt) : null,
              openedAt: new Date(opened.openedAt),
              closedAt: null,
            }),
          ),
        ),
      [EventType.LISTING_SUPPLY_INCIDENT_UPDATED]: (updated) => (tx) =>
        this.changed(tx, updated.listingId, () =>
          this.incidents.updateRestock(
            tx,
            updated.incidentId,
            updated.expectedRestockAt ? new Date(updated.expectedRestockAt) : null,
          ),
        ),
      [EventType.LISTING_SUPPLY_INCIDENT_CLOSED]: (closed) => (tx) =>
        this.changed(tx, closed.listingId, () =>
          this.incidents.close(tx, closed.incidentId, new Date(closed.closedAt)),
        ),
    });
    if (work) await this.transactions.handleOnce(SUPPLY_INCIDENTS_CONSUMER, envelope, work);
  }

  private async changed(tx: Transaction, listingId: string, change: () => Promise<void>): Promise<void> {
    await change();
    await this.audits.reauditForSupplyIncident(tx, listingId);
  }
}
