import { Injectable } from '@nestjs/common';
import {
  EventType,
  type EventEnvelope,
  type OrderDeliveredPayload,
  type TrackingUpdatedPayload,
} from '@settle/contracts';
import {
  dispatch,
  Outbox,
  TransactionRunner,
  type OutgoingEvent,
  type Transaction,
  type TransactionWork,
} from '@settle/messaging';
import { Clock } from '@settle/platform';
import { DeadlineAdjuster } from '../deadlines/deadline-adjuster';
import { customsHoldAction } from '../deadlines/deadline-rules';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import { TIMER_ACTOR } from '../shared/outgoing';
import { DisputesRepository } from './disputes.repository';

export const ORDER_EVENTS_CONSUMER = 'escalation-timer.order-events';

/**
 * The orders' tracking (settle.orders.events.v1), kept for the NOT_RECEIVED rules, and the customs holds it reports:
 * a hold pauses the dispute's NOT_RECEIVED clocks by itself, the next scan that is not one resumes them (the decision
 * is customsHoldAction, the change DeadlineAdjuster's, as for staff). Each event once, with its inbox record.
 */
@Injectable()
export class CustomsHoldsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly disputes: DisputesRepository,
    private readonly deadlines: DeadlinesRepository,
    private readonly adjuster: DeadlineAdjuster,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async onOrderEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.ORDER_DELIVERED]: (delivered) => (tx) => this.delivered(tx, delivered, this.clock.now()),
      [EventType.TRACKING_UPDATED]: (tracking) => (tx) => this.trackingUpdated(tx, tracking, this.clock.now()),
    });
    if (work) await this.transactions.handleOnce(ORDER_EVENTS_CONSUMER, envelope, work);
  }

  private async delivered(tx: Transaction, delivered: OrderDeliveredPayload, now: Date): Promise<void> {
    await this.disputes.upsertTracking(tx, {
      orderId: delivered.orderId,
      status: 'DELIVERED',
      statusAt: new Date(delivered.deliveredAt),
      deliveredAt: new Date(delivered.deliveredAt),
      proof: delivered.proof ? { ...delivered.proof } : null,
      updatedAt: now,
    });
  }

  private async trackingUpdated(tx: Transaction, tracking: TrackingUpdatedPayload, now: Date): Promise<void> {
    await this.disputes.upsertTracking(tx, {
      orderId: tracking.orderId,
      status: tracking.status,
      statusAt: new Date(tracking.at),
      carrier: tracking.carrier,
      trackingNumber: tracking.trackingNumber,
      ...(tracking.status === 'DELIVERED' ? { deliveredAt: new Date(tracking.at) } : {}),
      updatedAt: now,
    });
    const held = tracking.status === 'CUSTOMS_HELD';
    const note = `Carrier ${tracking.carrier} reported ${tracking.status}${tracking.location ? ` at ${tracking.location}` : ''}.`;
    for (const dispute of await this.disputes.openForOrder(tx, tracking.orderId)) {
      if (dispute.reason !== 'NOT_RECEIVED') continue;
      const events: OutgoingEvent[] = [];
      let expectedVersion = dispute.version;
      for (const deadline of await this.deadlines.live(tx, dispute.disputeId)) {
        const action = customsHoldAction({ ...deadline, adjustments: deadline.row.adjustments }, held, now);
        if (!action) continue;
        events.push(
          ...(await this.adjuster.adjust(
            tx,
            dispute,
            deadline,
            { action, reasonCode: 'CUSTOMS_HOLD', note, actor: TIMER_ACTOR },
            expectedVersion++,
            now,
          )),
        );
      }
      await this.outbox.append(tx, events);
    }
  }
}
