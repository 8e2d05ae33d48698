import { createEnvelope, type EventEnvelope } from '@settle/contracts';
import { cloudEventHeaders } from './cloudevents';
import { currentContext } from './context';
import type { Transaction } from './transactions';

/** An event a service commits together with its state (docs/ARCHITECTURE.md rule 2). */
export interface OutgoingEvent<T = unknown> {
  /** Base topic name from `Topics`; the deployment's prefix is applied here. */
  topic: string;
  type: string;
  /** Aggregate id: the envelope's subject and the Kafka key, so one aggregate's events stay in order. */
  subject: string;
  data: T;
  sellerId?: string;
  aggregateVersion?: number;
  correlationId?: string;
  causationId?: string;
  id?: string;
  time?: string;
}

/**
 * Writes events into the outbox inside the caller's transaction: no event without its state, no state
 * without its event. The relay publishes them after commit.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly topicPrefix: string,
  ) {}

  async append<T>(tx: Transaction, events: OutgoingEvent<T>[]): Promise<EventEnvelope<T>[]> {
    if (events.length === 0) return [];
    const prepared = this.prepare(events);
    await tx.query(prepared.sql, prepared.params);
    return prepared.envelopes;
  }

  /**
   * The envelopes of `events` and the one INSERT that writes them into the outbox, without running it: for a
   * caller that folds it into a statement of its own (a data-modifying WITH), still in its transaction.
   * Parameters are numbered from `$${firstParam}`; the rows keep the array's order, as `append` does.
   */
  prepare<T>(events: OutgoingEvent<T>[], firstParam = 1): PreparedOutboxInsert<T> {
    const context = currentContext();
    const envelopes = events.map((event) =>
      createEnvelope({
        id: event.id,
        time: event.time,
        type: event.type,
        source: this.source,
        subject: event.subject,
        data: event.data,
        sellerId: event.sellerId,
        aggregateVersion: event.aggregateVersion,
        correlationId: event.correlationId ?? context?.correlationId,
        causationId: event.causationId ?? context?.causationId,
      }),
    );
    const topics = events.map((event) => this.topicPrefix + event.topic);
    // The CloudEvents Kafka binding's structured mode (cloudevents.ts): the relay publishes these headers as stored.
    const headers = envelopes.map((envelope) => JSON.stringify(cloudEventHeaders(envelope)));
    const p = (offset: number) => `$${firstParam + offset}`;
    // One statement for the whole batch; seq follows array order, which is the order per key.
    return {
      envelopes,
      sql: `INSERT INTO outbox (id, topic, message_key, headers, payload)
       SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::jsonb[], ${p(4)}::text[])`,
      params: [
        envelopes.map((envelope) => envelope.id),
        topics,
        envelopes.map((envelope) => envelope.subject),
        headers,
        envelopes.map((envelope) => JSON.stringify(envelope)),
      ],
    };
  }
}

/** What `Outbox.prepare` returns: the envelopes, and the INSERT with its parameters. */
export interface PreparedOutboxInsert<T> {
  envelopes: EventEnvelope<T>[];
  sql: string;
  params: unknown[];
}
