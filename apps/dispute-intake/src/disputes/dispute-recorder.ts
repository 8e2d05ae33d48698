import { Injectable } from '@nestjs/common';
import { Topics, uuidv7 } from '@settle/contracts';
import { Outbox, type Transaction } from '@settle/messaging';
import { DisputesRepository } from './disputes.repository';
import type { WireEvent } from './wire-events';

/**
 * Writes a dispute's new events in the caller's transaction: into its hash-chained history and into the outbox
 * (settle.disputes.events.v1, keyed by disputeId, `aggregateVersion` = the dispute's version after the event).
 */
@Injectable()
export class DisputeRecorder {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly outbox: Outbox,
  ) {}

  async record(tx: Transaction, dispute: { id: string; sellerId: string }, events: WireEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const identified = events.map((event) => ({ ...event, eventId: uuidv7() }));
    await this.disputes.appendEvents(tx, dispute, identified);
    await this.outbox.append(
      tx,
      identified.map((event) => ({
        id: event.eventId,
        time: event.occurredAt,
        topic: Topics.DISPUTE_EVENTS,
        type: event.type,
        subject: dispute.id,
        sellerId: dispute.sellerId,
        aggregateVersion: event.version,
        data: event.data,
      })),
    );
    return identified.map((event) => event.eventId);
  }
}
