import { Injectable } from '@nestjs/common';
import { uuidv7 } from '@settle/contracts';
import { calendarMs, parseIsoDuration } from '@settle/dispute-lifecycle';
import {
  Clock,
  Conflict,
  NotFound,
  type Page,
  type Principal,
  RuleViolation,
  decodeCursor,
  encodeCursor,
} from '@settle/platform';
import { NegotiationConfig } from '../config/negotiation.config';
import { TransactionRunner } from '@settle/messaging';
import type { CreateEndpointBody, DeliveriesQuery } from './dto/webhooks.dto';
import { generateSecret } from './signing';
import { UrlGuard } from './url-guard';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookQueue } from './webhook-queue.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { EndpointStatus, type Delivery, type Endpoint } from './webhook.model';

/** Why an endpoint the seller turned off is disabled (Settle's own reasons: GONE, FAILING_TOO_LONG). */
export const SELLER_DISABLED = 'BY_SELLER';

/** Seller webhook endpoints (secrets shown once, rotation with overlap) and the deliveries log with replay. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveryLog: WebhookDeliveriesRepository,
    private readonly guard: UrlGuard,
    private readonly queue: WebhookQueue,
    private readonly dispatcher: WebhookDispatcher,
    private readonly transactions: TransactionRunner,
    private readonly config: NegotiationConfig,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, body: CreateEndpointBody): Promise<Endpoint & { secret: string }> {
    const check = await this.guard.check(body.url);
    if (!check.ok) {
      // Why, in the detail and on the field: the host does not resolve, or it is (resolves to) a non-public address.
      const code = check.refusal === 'unresolvable' ? 'WEBHOOK_URL_UNRESOLVABLE' : 'WEBHOOK_URL_NOT_ALLOWED';
      throw new RuleViolation(code, `url: ${check.reason}.`, { errors: [{ field: 'url', message: check.reason }] });
    }
    const now = this.clock.now().toISOString();
    const endpoint: Endpoint = {
      id: uuidv7(),
      sellerId: principal.sellerId!,
      url: check.url.toString(),
      eventTypes: body.eventTypes,
      status: EndpointStatus.ACTIVE,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      retryAfter: null,
      createdAt: now,
    };
    const secret = generateSecret();
    await this.transactions.run((tx) => this.endpoints.insertEndpoint(tx, endpoint, { id: uuidv7(), secret }));
    return { ...endpoint, secret };
  }

  list(principal: Principal): Promise<Endpoint[]> {
    return this.endpoints.listEndpoints(principal.role === 'seller' ? principal.sellerId : undefined);
  }

  async get(principal: Principal, id: string): Promise<Endpoint> {
    const endpoint = await this.endpoints.findEndpoint(id);
    if (!endpoint || (principal.role === 'seller' && endpoint.sellerId !== principal.sellerId)) {
      throw new NotFound('Webhook endpoint', id);
    }
    return endpoint;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const endpoint = await this.get(principal, id);
    const now = this.clock.now();
    // Its deliveries stay in the log; what was still pending for it fails.
    await this.transactions.run(async (tx) => {
      await this.endpoints.deleteEndpoint(tx, endpoint.id, now);
      await this.deliveryLog.failPending(tx, endpoint.id, 'endpoint deleted', now);
    });
  }

  /**
   * The seller turns an endpoint off (nothing is sent to it; what was pending fails, as when Settle disables it) or
   * back on (new events are sent again; a replay sends an old one). Setting the status it already has changes nothing.
   */
  async setActive(principal: Principal, id: string, active: boolean): Promise<Endpoint> {
    const endpoint = await this.get(principal, id);
    const now = this.clock.now();
    await this.transactions.run(async (tx) => {
      if (active) {
        await this.endpoints.enableEndpoint(tx, endpoint.id);
        return;
      }
      await this.endpoints.disableEndpoint(tx, endpoint.id, SELLER_DISABLED, now);
      await this.deliveryLog.failPending(tx, endpoint.id, `endpoint disabled: ${SELLER_DISABLED}`, now);
    });
    return this.get(principal, id);
  }

  /** A new secret (shown once); the previous one keeps signing beside it until the overlap ends. */
  async rotate(principal: Principal, id: string) {
    const endpoint = await this.get(principal, id);
    const now = this.clock.now();
    const previousSecretExpiresAt = new Date(
      now.getTime() + calendarMs(parseIsoDuration(this.config.WEBHOOK_SECRET_OVERLAP)),
    );
    const secret = generateSecret();
    await this.transactions.run((tx) =>
      this.endpoints.rotateSecret(tx, endpoint.id, { id: uuidv7(), secret }, now, previousSecretExpiresAt),
    );
    this.dispatcher.forgetSecrets(endpoint.id);
    return { id: endpoint.id, secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
  }

  async deliveries(principal: Principal, query: DeliveriesQuery): Promise<Page<Delivery>> {
    if (query.endpointId) await this.get(principal, query.endpointId);
    const before = query.cursor
      ? decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id'])
      : undefined;
    const rows = await this.deliveryLog.listDeliveries({
      sellerId: principal.role === 'seller' ? principal.sellerId : undefined,
      endpointId: query.endpointId,
      status: query.status,
      before,
      limit: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  async delivery(principal: Principal, id: string) {
    const delivery = await this.deliveryLog.findDelivery(id);
    if (!delivery || (principal.role === 'seller' && delivery.sellerId !== principal.sellerId)) {
      throw new NotFound('Webhook delivery', id);
    }
    const { payload, ...rest } = delivery;
    return { ...rest, event: JSON.parse(payload) as unknown, attempts: await this.deliveryLog.attemptsOf(id) };
  }

  /**
   * Sends the delivery's event again as a new delivery (its own webhook-id, so a receiver that already processed
   * the first one does not drop it as a replay), on the normal schedule.
   */
  async replay(principal: Principal, id: string): Promise<Delivery> {
    const original = await this.deliveryLog.findDelivery(id);
    if (!original || (principal.role === 'seller' && original.sellerId !== principal.sellerId)) {
      throw new NotFound('Webhook delivery', id);
    }
    const endpoint = await this.endpoints.findEndpoint(original.endpointId);
    if (!endpoint || endpoint.status !== EndpointStatus.ACTIVE) {
      throw new Conflict('WEBHOOK_ENDPOINT_NOT_ACTIVE', `The endpoint of delivery ${id} is disabled or deleted.`);
    }
    const now = this.clock.now();
    const replayId = uuidv7();
    await this.transactions.run(async (tx) => {
      await this.endpoints.releaseEndpoint(tx, original.endpointId);
      await this.deliveryLog.insertDeliveries(tx, [
        {
          id: replayId,
          endpointId: original.endpointId,
          sellerId: original.sellerId,
          eventId: original.eventId,
          eventType: original.eventType,
          payload: original.payload,
          nextAttemptAt: now,
          createdAt: now,
          replayOf: original.id,
        },
      ]);
    });
    this.queue.wake();
    const { payload: _payload, ...replayed } = (await this.deliveryLog.findDelivery(replayId))!;
    return replayed;
  }
}
