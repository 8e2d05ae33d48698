import { Injectable } from '@nestjs/common';
import { uuidv7, type EventEnvelope } from '@settle/contracts';
import { EventEmitter } from 'node:events';
import { NegotiationConfig } from '../config/negotiation.config';
import type { Transaction } from '@settle/messaging';
import { parseSchedule } from './retry-policy';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { Clock } from '@settle/platform';

/**
 * Puts an event in the seller's webhook queue, inside the caller's transaction (the event, its effects and its
 * deliveries commit together), one delivery per subscribed endpoint. The delivery id is the `webhook-id`.
 */
@Injectable()
export class WebhookQueue {
  private readonly signals = new EventEmitter().setMaxListeners(0);
  private readonly firstDelayMs: number;

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly clock: Clock,
    config: NegotiationConfig,
  ) {
    this.firstDelayMs = parseSchedule(config.WEBHOOK_RETRY_SCHEDULE)[0] ?? 0;
  }

  async enqueue(tx: Transaction, sellerId: string, envelope: EventEnvelope): Promise<number> {
    const endpointIds = await this.endpoints.subscribedEndpoints(tx, sellerId, envelope.type);
    if (endpointIds.length === 0) return 0;
    const now = this.clock.now();
    const payload = JSON.stringify(envelope);
    await this.deliveries.insertDeliveries(
      tx,
      endpointIds.map((endpointId) => ({
        id: uuidv7(),
        endpointId,
        sellerId,
        eventId: envelope.id,
        eventType: envelope.type,
        payload,
        nextAttemptAt: new Date(now.getTime() + this.firstDelayMs),
        createdAt: now,
      })),
    );
    return endpointIds.length;
  }

  /** Wakes the delivery worker (call after the enqueuing transaction committed). */
  wake(): void {
    this.signals.emit('wake');
  }

  onWake(listener: () => void): () => void {
    this.signals.on('wake', listener);
    return () => this.signals.off('wake', listener);
  }
}
