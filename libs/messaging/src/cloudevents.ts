import type { EventEnvelope } from '@settle/contracts';
import type { IHeaders } from 'kafkajs';

/**
 * Every message Settle puts on Kafka (events, commands, dead letters, what the inbound feed relays) uses the
 * CloudEvents Kafka protocol binding in ONE mode: structured content mode. The value is the whole envelope as JSON
 * (CloudEvents' JSON format), the `content-type` header says so, and the key is the subject (the aggregate id).
 * `correlation-id`, `event-id` and `event-type` repeat attributes as plain headers, for tools that route on headers.
 */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export const OUTBOX_HEADERS = {
  contentType: 'content-type',
  correlationId: 'correlation-id',
  eventId: 'event-id',
  eventType: 'event-type',
} as const;

/** The headers of an envelope's Kafka message (structured content mode). */
export function cloudEventHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    [OUTBOX_HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE,
    [OUTBOX_HEADERS.correlationId]: envelope.correlationid,
    [OUTBOX_HEADERS.eventId]: envelope.id,
    [OUTBOX_HEADERS.eventType]: envelope.type,
  };
}

/** An envelope as its Kafka message: key, value and headers, for any producer. */
export function cloudEventMessage(envelope: EventEnvelope): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return { key: envelope.subject, value: JSON.stringify(envelope), headers: cloudEventHeaders(envelope) };
}

/** Whether a message's headers say it is a structured-mode CloudEvent. */
export function isStructuredCloudEvent(headers: IHeaders | undefined): boolean {
  const value = headers?.[OUTBOX_HEADERS.contentType];
  return value !== undefined && String(value).startsWith(CLOUDEVENTS_CONTENT_TYPE);
}
