import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { SupplyIncidentOrderEntity } from './supply-incident.entity';
import { SupplyIncidentsRepository } from './supply-incidents.repository';

export const INCIDENT_ORDERS_CONSUMER = 'escalation-timer.incident-orders';

/**
 * The orders a supply incident reached (order.refund_offered on settle.orders.events.v1): negotiation decided which
 * orders the incident concerns (its listing and SKUs, paid and not shipped), so the timer takes its word rather
 * than deciding again. Each event once, with its inbox record.
 */
@Injectable()
export class IncidentOrdersService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly incidents: SupplyIncidentsRepository,
  ) {}

  async onOrderEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.ORDER_REFUND_OFFERED]: (offered) => (tx) =>
        this.incidents.recordOrder(
          tx,
          Object.assign(new SupplyIncidentOrderEntity(), {
            incidentId: offered.incidentId,
            orderId: offered.orderId,
            offeredAt: new Date(offered.offeredAt),
          }),
        ),
    });
    if (work) await this.transactions.handleOnce(INCIDENT_ORDERS_CONSUMER, envelope, work);
  }
}
