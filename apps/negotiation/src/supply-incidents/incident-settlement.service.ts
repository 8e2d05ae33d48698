import { Injectable } from '@nestjs/common';
import { createEnvelope } from '@settle/contracts';
import type { Transaction } from '@settle/messaging';
import { WebhookQueue } from '../webhooks/webhook-queue.service';
import { isSettled, SUPPLY_INCIDENT_SETTLED_EVENT } from './supply-incident';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

/**
 * An incident's orders settle one by one (a refund accepted, a dispute agreed, withdrawn or closed for the buyer), in
 * the transaction of the event that settled them; once every order still in the incident is settled, the seller's
 * webhook `supply_incident.settled` is queued in that same transaction, once.
 */
@Injectable()
export class IncidentSettlement {
  constructor(
    private readonly incidents: SupplyIncidentsRepository,
    private readonly webhooks: WebhookQueue,
  ) {}

  /** Settles the order in the incident and tells the seller when it was the last; returns the deliveries queued. */
  async settleOrder(
    tx: Transaction,
    incidentId: string,
    orderId: string,
    at: string,
    refundAccepted = false,
  ): Promise<number> {
    if (!(await this.incidents.settleOrder(tx, incidentId, orderId, at, refundAccepted))) return 0;
    return this.tellIfSettled(tx, incidentId, at);
  }

  /** Once every order still in the incident is settled: the seller's webhook, queued once. */
  async tellIfSettled(tx: Transaction, incidentId: string, at: string): Promise<number> {
    const settlement = await this.incidents.lockSettlement(tx, incidentId);
    if (!settlement || settlement.settledNotifiedAt || !isSettled(settlement.orders)) return 0;
    const { incident, orders } = settlement;
    await this.incidents.markSettledNotified(tx, incident.id, at);
    const inIncident = orders.filter((order) => !order.droppedAt);
    const envelope = createEnvelope({
      type: SUPPLY_INCIDENT_SETTLED_EVENT,
      source: 'negotiation',
      subject: incident.id,
      sellerId: incident.sellerId,
      data: {
        incidentId: incident.id,
        listingId: incident.listingId,
        sellerId: incident.sellerId,
        affectedOrders: inIncident.length,
        settledOrders: inIncident.length,
        settledAt: at,
      },
    });
    return this.webhooks.enqueue(tx, incident.sellerId, envelope);
  }
}
