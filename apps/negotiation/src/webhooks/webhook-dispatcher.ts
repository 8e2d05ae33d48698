import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createEnvelope, uuidv7 } from '@settle/contracts';
import { NegotiationConfig } from '../config/negotiation.config';
import { calendarMs, parseIsoDuration } from '@settle/dispute-lifecycle';
import {
  decideAfterAttempt,
  endpointOutcomes,
  parseSchedule,
  type EndpointOutcome,
  type AttemptResult,
  type RetryPolicy,
} from './retry-policy';
import { WebhookSender } from './http-sender';
import { signedHeaders } from './signing';
import { UrlGuard } from './url-guard';
import { WebhookQueue } from './webhook-queue.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { DeliveryStatus, type ClaimedDelivery, type RecordedAttempt } from './webhook.model';
import { TransactionRunner } from '@settle/messaging';
import { Clock } from '@settle/platform';

export const ENDPOINT_DISABLED_EVENT = 'webhook_endpoint.disabled';

interface PendingRecord extends RecordedAttempt {
  succeeded: boolean;
  failedAt: Date;
  disable?: string;
}

/**
 * The delivery worker: claims due deliveries from Postgres (per-endpoint and overall concurrency limits, so a slow
 * or dead endpoint holds only its own slots), signs and POSTs each, and records the attempt with its consequence
 * (success, a retry on the schedule, failure, or the endpoint disabled). Any number of replicas may run it.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly policy: RetryPolicy;
  private readonly inflight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private readonly secrets = new Map<string, { secrets: string[]; until: number }>();
  private running = false;
  private wakeUp?: () => void;
  private woken = false;
  private loopDone?: Promise<void>;
  private readonly pendingRecords: (PendingRecord & { resolve: () => void; reject: (error: unknown) => void })[] = [];
  private flushing?: Promise<void>;
  private stopListening?: () => void;
  private readonly sender: WebhookSender;

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly transactions: TransactionRunner,
    private readonly queue: WebhookQueue,
    private readonly guard: UrlGuard,
    private readonly config: NegotiationConfig,
    private readonly clock: Clock,
  ) {
    this.sender = new WebhookSender(guard.outbound);
    this.policy = {
      delaysMs: parseSchedule(config.WEBHOOK_RETRY_SCHEDULE),
      jitter: config.WEBHOOK_RETRY_JITTER,
      disableAfterMs: calendarMs(parseIsoDuration(config.WEBHOOK_DISABLE_AFTER)),
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOK_WORKER_ENABLED) return;
    this.running = true;
    this.stopListening = this.queue.onWake(() => this.wake());
    this.loopDone = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopListening?.();
    this.shutdown.abort();
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.inflight]);
    this.sender.close();
  }

  /** Forget cached secrets of an endpoint (after a rotation in this process). */
  forgetSecrets(endpointId: string): void {
    this.secrets.delete(endpointId);
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      let free = this.config.WEBHOOK_CONCURRENCY - this.inflight.size;
      this.woken = false;
      try {
        if (free > 0) {
          const now = this.clock.now();
          const leaseUntil = new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS + 10_000);
          const deliveries = await this.deliveries.claimDue(
            now,
            leaseUntil,
            this.config.WEBHOOK_ENDPOINT_CONCURRENCY,
            free,
          );
          claimed = deliveries.length;
          for (const delivery of deliveries) this.start(delivery);
          free -= claimed;
        }
      } catch (error) {
        if (this.running) this.logger.error(`claiming deliveries failed: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (claimed > 0 && free > 0) continue;
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.config.WEBHOOK_POLL_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
    }
  }

  private start(delivery: ClaimedDelivery): void {
    const attempt = this.attempt(delivery)
      .catch((error: unknown) => this.logger.error(`delivery ${delivery.id} failed: ${(error as Error).message}`))
      .finally(() => {
        this.inflight.delete(attempt);
        this.wake();
      });
    this.inflight.add(attempt);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = this.clock.now();
    const started = performance.now();
    let result: AttemptResult;
    const check = await this.guard.checkCached(delivery.url);
    if (!check.ok) {
      result = { error: `URL refused: ${check.reason}` };
    } else {
      const secrets = await this.secretsOf(delivery.endpointId, startedAt);
      try {
        result = await this.sender.send(
          check.url,
          {
            ...signedHeaders(secrets, delivery.id, startedAt, delivery.payload),
            'content-type': 'application/json',
            'user-agent': 'Settle-Webhooks/1',
          },
          delivery.payload,
          this.config.WEBHOOK_TIMEOUT_MS,
          this.shutdown.signal,
        );
      } catch (error) {
        // Stopping: the lease runs out and another worker (or this one after a restart) tries again.
        if (this.shutdown.signal.aborted) return;
        result = { error: (error as Error).message || String(error) };
      }
    }
    const durationMs = Math.round(performance.now() - started);
    const now = this.clock.now();
    const decision = decideAfterAttempt(
      this.policy,
      delivery.attempt,
      result,
      delivery.failingSince,
      now,
      Math.random(),
    );
    const succeeded = decision.outcome === 'SUCCEEDED';
    await this.record({
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      attempt: {
        id: uuidv7(),
        attempt: delivery.attempt,
        startedAt: startedAt.toISOString(),
        durationMs,
        statusCode: 'statusCode' in result ? result.statusCode : null,
        error: 'error' in result ? result.error.slice(0, 2_000) : null,
      },
      status: succeeded
        ? DeliveryStatus.SUCCEEDED
        : decision.outcome === 'RETRY'
          ? DeliveryStatus.PENDING
          : DeliveryStatus.FAILED,
      nextAttemptAt: decision.outcome === 'RETRY' ? decision.nextAttemptAt : null,
      completedAt: decision.outcome === 'RETRY' ? null : now,
      succeeded,
      failedAt: startedAt,
      ...(decision.outcome === 'FAILED' && decision.disableEndpoint ? { disable: decision.disableEndpoint } : {}),
    });
    if (decision.outcome === 'FAILED' && decision.disableEndpoint)
      await this.tellSeller(delivery, decision.disableEndpoint);
  }

  /**
   * Attempts finishing together are written together (one transaction per batch, not per attempt): the slot of an
   * attempt is freed only once its batch is written, so a lease never runs out on a recorded attempt.
   */
  private record(attempt: PendingRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingRecords.push({ ...attempt, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pendingRecords.length > 0) {
      const batch = this.pendingRecords.splice(0, 500);
      const outcomes = endpointOutcomes(batch);
      try {
        await this.recordBatch(batch, outcomes);
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = undefined;
  }

  /**
   * A batch of finished attempts and their consequences in one transaction: the attempts log, each delivery's new
   * state, each endpoint's failing streak, and the endpoints to disable (their pending deliveries fail).
   */
  private async recordBatch(batch: PendingRecord[], outcomes: EndpointOutcome[]): Promise<void> {
    if (batch.length === 0) return;
    await this.transactions.run(async (tx) => {
      await this.deliveries.recordAttempts(tx, batch);
      await this.endpoints.recordOutcomes(tx, outcomes);
      for (const item of batch) {
        if (item.disable === undefined) continue;
        const at = item.completedAt ?? item.failedAt;
        await this.endpoints.disableEndpoint(tx, item.endpointId, item.disable, at);
        await this.deliveries.failPending(tx, item.endpointId, `endpoint disabled: ${item.disable}`, at);
      }
    });
  }

  /** The seller hears that an endpoint was disabled: on its other endpoints, and in the endpoint's own status. */
  private async tellSeller(delivery: ClaimedDelivery, reason: string): Promise<void> {
    const endpoint = await this.endpoints.findEndpoint(delivery.endpointId);
    if (!endpoint) return;
    this.logger.warn(`webhook endpoint ${endpoint.id} of seller ${endpoint.sellerId} disabled: ${reason}`);
    const envelope = createEnvelope({
      type: ENDPOINT_DISABLED_EVENT,
      source: 'negotiation',
      subject: endpoint.id,
      sellerId: endpoint.sellerId,
      data: { endpointId: endpoint.id, url: endpoint.url, reason, disabledAt: endpoint.disabledAt },
    });
    await this.transactions.run((tx) => this.queue.enqueue(tx, endpoint.sellerId, envelope));
    this.queue.wake();
  }

  private async secretsOf(endpointId: string, at: Date): Promise<string[]> {
    const cached = this.secrets.get(endpointId);
    if (cached && cached.until > Date.now()) return cached.secrets;
    const secrets = await this.endpoints.activeSecrets(endpointId, at);
    this.secrets.set(endpointId, { secrets, until: Date.now() + 1_000 });
    return secrets;
  }
}
