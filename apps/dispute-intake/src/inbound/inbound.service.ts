import { Injectable } from '@nestjs/common';
import {
  ContractViolationError,
  EventType,
  parseEnvelope,
  topicOf,
  type EventEnvelope,
  type MessageType,
} from '@settle/contracts';
import { Outbox, TransactionRunner } from '@settle/messaging';
import { Clock, Conflict, DomainError, RuleViolation, ValidationFailed } from '@settle/platform';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { IntakeConfig } from '../config/intake.config';
import { DisputesRepository } from '../disputes/disputes.repository';
import { InboundWebhookEntity } from './inbound-webhook.entity';
import { InboundRepository } from './inbound.repository';

/** The event types the marketplace feeds through the signed inbound webhook (docs/CONTRACT.md). */
export const INBOUND_EVENT_TYPES: readonly string[] = [
  EventType.ORDER_PAID,
  EventType.ORDER_SHIPPED,
  EventType.ORDER_DELIVERED,
  EventType.TRACKING_UPDATED,
  // The buyer took a supply incident's refund (negotiation settles the order in its incident).
  EventType.ORDER_REFUND_ACCEPTED,
  EventType.LISTING_UPSERTED,
];

export class WebhookRefused extends DomainError {
  constructor(code: string, detail: string, header: string) {
    super('unauthenticated', code, detail, { errors: [{ field: header, message: detail }] });
  }
}

export interface InboundHeaders {
  'webhook-id'?: string;
  'webhook-timestamp'?: string;
  'webhook-signature'?: string;
}

/**
 * `POST /v1/inbound/marketplace`: a Standard Webhooks request from the marketplace (signature over
 * "id.timestamp.body", 5-minute tolerance), carrying one event envelope. Accepted once per `webhook-id`; its event
 * goes onto its topic through the outbox, in the transaction that records the id.
 */
@Injectable()
export class InboundService {
  private readonly webhook: Webhook;

  constructor(
    config: IntakeConfig,
    private readonly inbound: InboundRepository,
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {
    this.webhook = new Webhook(config.inboundWebhookSecret());
  }

  async receive(rawBody: Buffer | undefined, headers: InboundHeaders): Promise<{ accepted: true; eventId: string }> {
    const body = rawBody ?? Buffer.alloc(0);
    this.verify(body, headers);
    const envelope = this.envelopeOf(body);
    const webhookId = headers['webhook-id'] as string;
    const accepted = await this.transactions.run(async (tx) => {
      const fresh = await this.inbound.remember(
        tx,
        Object.assign(new InboundWebhookEntity(), {
          webhookId,
          eventId: envelope.id,
          eventType: envelope.type,
          receivedAt: this.clock.now(),
        }),
      );
      if (!fresh) return false;
      await this.outbox.append(tx, [
        {
          id: envelope.id,
          time: envelope.time,
          topic: topicOf(envelope.type as MessageType),
          type: envelope.type,
          subject: envelope.subject,
          data: envelope.data,
          ...(envelope.sellerid ? { sellerId: envelope.sellerid } : {}),
          correlationId: envelope.correlationid,
        },
      ]);
      return true;
    });
    if (!accepted) {
      throw new Conflict(
        'WEBHOOK_REPLAYED',
        `webhook-id ${webhookId} (or event ${envelope.id}) was already received; a replay is refused.`,
        { errors: [{ field: 'webhook-id', message: 'was already received' }] },
      );
    }
    return { accepted: true, eventId: envelope.id };
  }

  private verify(body: Buffer, headers: InboundHeaders): void {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      if (!headers[name]) throw new WebhookRefused('WEBHOOK_HEADER_MISSING', `The ${name} header is required.`, name);
    }
    if (!/^[\x21-\x7e]{1,255}$/.test(headers['webhook-id'] as string)) {
      throw new WebhookRefused(
        'WEBHOOK_ID_INVALID',
        'webhook-id must be 1 to 255 visible ASCII characters.',
        'webhook-id',
      );
    }
    try {
      // Verification only: the body is parsed (and refused with 400 when it is not a JSON envelope) by envelopeOf. The
      // library's own JSON.parse would throw a bare SyntaxError (a 500) for a signed body that is not JSON.
      this.webhook.verify(body, headers as Record<string, string>, { jsonParse: false });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      const message = error.message;
      if (/timestamp/i.test(message)) {
        throw new WebhookRefused(
          'WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
          `webhook-timestamp is more than 5 minutes off (${message}).`,
          'webhook-timestamp',
        );
      }
      throw new WebhookRefused(
        'WEBHOOK_SIGNATURE_INVALID',
        `The signature does not verify (${message}).`,
        'webhook-signature',
      );
    }
  }

  private envelopeOf(body: Buffer): EventEnvelope {
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(body);
    } catch (error) {
      if (error instanceof ContractViolationError)
        throw new ValidationFailed(error.errors, 'The body is not a valid event envelope.');
      throw error;
    }
    if (!INBOUND_EVENT_TYPES.includes(envelope.type)) {
      throw new RuleViolation(
        'UNSUPPORTED_INBOUND_EVENT',
        `The inbound webhook carries ${INBOUND_EVENT_TYPES.join(', ')}; not ${envelope.type}.`,
        { errors: [{ field: 'type', message: `must be one of ${INBOUND_EVENT_TYPES.join(', ')}` }] },
      );
    }
    return envelope;
  }
}
