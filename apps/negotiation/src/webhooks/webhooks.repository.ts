import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Transaction } from '../shared/transaction.repository';
import type { EndpointOutcome } from './retry-policy';

export const EndpointStatus = { ACTIVE: 'ACTIVE', DISABLED: 'DISABLED', DELETED: 'DELETED' } as const;
export type EndpointStatus = (typeof EndpointStatus)[keyof typeof EndpointStatus];
export const DeliveryStatus = { PENDING: 'PENDING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export interface Endpoint {
  id: string;
  sellerId: string;
  url: string;
  eventTypes: string[];
  status: EndpointStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  /** While failing: not tried before this instant, then one delivery at a time until one succeeds. */
  retryAfter: string | null;
  createdAt: string;
}

export interface Delivery {
  id: string;
  endpointId: string;
  sellerId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  payload: string;
  attempt: number;
  failingSince: Date | null;
}

/** A finished attempt and the delivery state it leads to. */
export interface RecordedAttempt {
  deliveryId: string;
  endpointId: string;
  attempt: Attempt & { id: string };
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  completedAt: Date | null;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  sellerId: string;
  eventId: string;
  eventType: string;
  payload: string;
  nextAttemptAt: Date;
  createdAt: Date;
  replayOf?: string;
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertEndpoint(endpoint: Endpoint, secret: { id: string; secret: string }): Promise<void> {
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `INSERT INTO webhook_endpoints (id, seller_id, url, event_types, status, created_at)
         VALUES ($1, $2, $3, $4, 'ACTIVE', $5)`,
        [endpoint.id, endpoint.sellerId, endpoint.url, endpoint.eventTypes, endpoint.createdAt],
      );
      await transaction.query(
        `INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES ($1, $2, $3, $4)`,
        [secret.id, endpoint.id, secret.secret, endpoint.createdAt],
      );
    });
  }

  async findEndpoint(id: string): Promise<Endpoint | undefined> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM webhook_endpoints WHERE id::text = $1 AND status <> 'DELETED'`,
      [id],
    );
    return rows[0] ? toEndpoint(rows[0]) : undefined;
  }

  async listEndpoints(sellerId: string | undefined): Promise<Endpoint[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM webhook_endpoints WHERE status <> 'DELETED' AND ($1::text IS NULL OR seller_id = $1)
       ORDER BY created_at, id`,
      [sellerId ?? null],
    );
    return rows.map(toEndpoint);
  }

  /** Deletes the endpoint (its deliveries stay in the log) and fails what was still pending for it. */
  async deleteEndpoint(id: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(`UPDATE webhook_endpoints SET status = 'DELETED', deleted_at = $2 WHERE id = $1`, [
        id,
        at,
      ]);
      await this.failPending(transaction, id, 'endpoint deleted', at);
    });
  }

  /** A new secret; the current ones keep signing until `previousUntil`. */
  async rotateSecret(endpointId: string, secret: { id: string; secret: string }, at: Date, previousUntil: Date) {
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `UPDATE webhook_secrets SET expires_at = $2
         WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > $2)`,
        [endpointId, previousUntil],
      );
      await transaction.query(
        `INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES ($1, $2, $3, $4)`,
        [secret.id, endpointId, secret.secret, at],
      );
    });
  }

  /** The secrets that sign now, newest first. */
  async activeSecrets(endpointId: string, at: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ secret: string }[]>(
      `SELECT secret FROM webhook_secrets WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > $2)
       ORDER BY created_at DESC, id DESC`,
      [endpointId, at],
    );
    return rows.map((row) => row.secret);
  }

  /** The seller's active endpoints subscribed to `eventType` (or to every type, `*`). */
  async subscribedEndpoints(transaction: Transaction, sellerId: string, eventType: string): Promise<string[]> {
    const rows = await transaction.query<{ id: string }[]>(
      `SELECT id FROM webhook_endpoints WHERE seller_id = $1 AND status = 'ACTIVE'
       AND (event_types @> ARRAY[$2]::text[] OR event_types @> ARRAY['*']::text[])`,
      [sellerId, eventType],
    );
    return rows.map((row) => row.id);
  }

  /** The seller asked for a send now (a replay): the endpoint's back-off after failures no longer holds it. */
  async releaseEndpoint(transaction: Transaction, endpointId: string): Promise<void> {
    await transaction.query(
      `UPDATE webhook_endpoints SET retry_after = NULL WHERE id = $1 AND retry_after IS NOT NULL`,
      [endpointId],
    );
  }

  async insertDeliveries(transaction: Transaction, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await transaction.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, seller_id, event_id, event_type, payload, status, attempts,
         next_attempt_at, replay_of, created_at)
       SELECT id, endpoint_id, seller_id, event_id, event_type, payload, 'PENDING', 0, next_attempt_at, replay_of, created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
         $8::uuid[], $9::timestamptz[])
         AS t(id, endpoint_id, seller_id, event_id, event_type, payload, next_attempt_at, replay_of, created_at)`,
      [
        deliveries.map((delivery) => delivery.id),
        deliveries.map((delivery) => delivery.endpointId),
        deliveries.map((delivery) => delivery.sellerId),
        deliveries.map((delivery) => delivery.eventId),
        deliveries.map((delivery) => delivery.eventType),
        deliveries.map((delivery) => delivery.payload),
        deliveries.map((delivery) => delivery.nextAttemptAt),
        deliveries.map((delivery) => delivery.replayOf ?? null),
        deliveries.map((delivery) => delivery.createdAt),
      ],
    );
  }

  runInTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Claims due deliveries for one attempt each: at most `perEndpoint` in flight per endpoint (counted across
   * replicas by their lease), at most `limit` in all, rows locked with SKIP LOCKED so replicas never share one.
   * An endpoint whose deliveries hang holds only its own slots: the others' rows are still claimed. A failing
   * endpoint waits for its `retry_after` and then gets one delivery at a time (a probe) until one succeeds.
   */
  async claimDue(now: Date, leaseUntil: Date, perEndpoint: number, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.dataSource.query<Row[]>(
      `UPDATE webhook_deliveries w SET lease_until = $2, attempts = w.attempts + 1
       FROM (
         SELECT d.id, e.url, e.failing_since FROM webhook_endpoints e
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n FROM webhook_deliveries x
           WHERE x.endpoint_id = e.id AND x.lease_until IS NOT NULL AND x.lease_until > $1 AND x.status = 'PENDING'
         ) busy
         CROSS JOIN LATERAL (
           SELECT y.id, y.next_attempt_at FROM webhook_deliveries y
           WHERE y.endpoint_id = e.id AND y.status = 'PENDING' AND y.next_attempt_at <= $1
             AND (y.lease_until IS NULL OR y.lease_until <= $1)
           ORDER BY y.next_attempt_at
           LIMIT greatest(CASE WHEN e.failing_since IS NULL THEN $3 ELSE 1 END - busy.n, 0)
           FOR UPDATE SKIP LOCKED
         ) d
         WHERE e.status = 'ACTIVE' AND (e.retry_after IS NULL OR e.retry_after <= $1)
         ORDER BY d.next_attempt_at
         LIMIT $4
       ) picked
       WHERE w.id = picked.id
       RETURNING w.id, w.endpoint_id, w.payload, w.attempts, picked.url, picked.failing_since`,
      [now, leaseUntil, perEndpoint, limit],
    );
    const claimed = (Array.isArray(rows[0]) ? rows[0] : rows) as Row[];
    return claimed.map((row) => ({
      id: row.id as string,
      endpointId: row.endpoint_id as string,
      url: row.url as string,
      payload: row.payload as string,
      attempt: row.attempts as number,
      failingSince: (row.failing_since as Date | null) ?? null,
    }));
  }

  /**
   * Records a batch of finished attempts and their consequences in one transaction: the attempts log, each
   * delivery's new state, each endpoint's failing streak (`endpointOutcomes`: the last outcome per endpoint in the
   * batch, with the first failure time of a streak), and the endpoints to disable (their pending deliveries fail).
   */
  async recordAttempts(input: {
    attempts: RecordedAttempt[];
    endpointOutcomes: EndpointOutcome[];
    disable: { endpointId: string; reason: string; at: Date }[];
  }): Promise<void> {
    if (input.attempts.length === 0) return;
    const attempts = [...input.attempts].sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `INSERT INTO webhook_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code, error)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[])`,
        [
          attempts.map((item) => item.attempt.id),
          attempts.map((item) => item.deliveryId),
          attempts.map((item) => item.attempt.attempt),
          attempts.map((item) => item.attempt.startedAt),
          attempts.map((item) => item.attempt.durationMs),
          attempts.map((item) => item.attempt.statusCode),
          attempts.map((item) => item.attempt.error),
        ],
      );
      await transaction.query(
        `UPDATE webhook_deliveries d SET status = u.status, next_attempt_at = coalesce(u.next_attempt_at, d.next_attempt_at),
           lease_until = NULL, last_status_code = u.status_code, last_error = u.error, completed_at = u.completed_at
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::timestamptz[])
           AS u(id, status, next_attempt_at, status_code, error, completed_at)
         WHERE d.id = u.id`,
        [
          attempts.map((item) => item.deliveryId),
          attempts.map((item) => item.status),
          attempts.map((item) => item.nextAttemptAt),
          attempts.map((item) => item.attempt.statusCode),
          attempts.map((item) => item.attempt.error),
          attempts.map((item) => item.completedAt),
        ],
      );
      const outcomes = [...input.endpointOutcomes].sort((a, b) => a.endpointId.localeCompare(b.endpointId));
      const recovered = outcomes.filter((outcome) => outcome.succeeded).map((outcome) => outcome.endpointId);
      const failing = outcomes.filter((outcome) => !outcome.succeeded);
      if (recovered.length > 0) {
        await transaction.query(
          `UPDATE webhook_endpoints SET failing_since = NULL, retry_after = NULL
           WHERE id = ANY($1::uuid[]) AND failing_since IS NOT NULL`,
          [recovered],
        );
      }
      if (failing.length > 0) {
        await transaction.query(
          `UPDATE webhook_endpoints e SET
             failing_since = CASE WHEN e.failing_since IS NULL OR u.restarted THEN u.failed_at ELSE e.failing_since END,
             retry_after = coalesce(u.retry_after, e.retry_after)
           FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::timestamptz[])
             AS u(id, failed_at, restarted, retry_after)
           WHERE e.id = u.id`,
          [
            failing.map((outcome) => outcome.endpointId),
            failing.map((outcome) => outcome.failedAt),
            failing.map((outcome) => outcome.restarted),
            failing.map((outcome) => outcome.retryAfter),
          ],
        );
      }
      for (const disable of input.disable) {
        await transaction.query(
          `UPDATE webhook_endpoints SET status = 'DISABLED', disabled_reason = $2, disabled_at = $3
           WHERE id = $1 AND status = 'ACTIVE'`,
          [disable.endpointId, disable.reason, disable.at],
        );
        await this.failPending(transaction, disable.endpointId, `endpoint disabled: ${disable.reason}`, disable.at);
      }
    });
  }

  private async failPending(transaction: Transaction, endpointId: string, error: string, at: Date): Promise<void> {
    await transaction.query(
      `UPDATE webhook_deliveries SET status = 'FAILED', last_error = $2, completed_at = $3, lease_until = NULL
       WHERE endpoint_id = $1 AND status = 'PENDING'`,
      [endpointId, error, at],
    );
  }

  async findDelivery(id: string): Promise<(Delivery & { payload: string }) | undefined> {
    const rows = await this.dataSource.query<Row[]>(`SELECT * FROM webhook_deliveries WHERE id::text = $1`, [id]);
    return rows[0] ? { ...toDelivery(rows[0]), payload: rows[0].payload as string } : undefined;
  }

  async attemptsOf(deliveryId: string): Promise<Attempt[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt, started_at`,
      [deliveryId],
    );
    return rows.map((row) => ({
      attempt: row.attempt as number,
      startedAt: iso(row.started_at)!,
      durationMs: row.duration_ms as number,
      statusCode: (row.status_code as number | null) ?? null,
      error: (row.error as string | null) ?? null,
    }));
  }

  /** Deliveries newest first, paged by (created_at, id). */
  async listDeliveries(filter: {
    sellerId?: string;
    endpointId?: string;
    status?: string;
    before?: { createdAt: string; id: string };
    limit: number;
  }): Promise<Delivery[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM webhook_deliveries
       WHERE ($1::text IS NULL OR seller_id = $1) AND ($2::text IS NULL OR endpoint_id::text = $2)
         AND ($3::text IS NULL OR status = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $6`,
      [
        filter.sellerId ?? null,
        filter.endpointId ?? null,
        filter.status ?? null,
        filter.before?.createdAt ?? null,
        filter.before?.id ?? null,
        filter.limit,
      ],
    );
    return rows.map(toDelivery);
  }
}

function toEndpoint(row: Row): Endpoint {
  return {
    id: row.id as string,
    sellerId: row.seller_id as string,
    url: row.url as string,
    eventTypes: row.event_types as string[],
    status: row.status as EndpointStatus,
    disabledReason: (row.disabled_reason as string | null) ?? null,
    disabledAt: iso(row.disabled_at),
    failingSince: iso(row.failing_since),
    retryAfter: iso(row.retry_after),
    createdAt: iso(row.created_at)!,
  };
}

function toDelivery(row: Row): Delivery {
  const status = row.status as DeliveryStatus;
  return {
    id: row.id as string,
    endpointId: row.endpoint_id as string,
    sellerId: row.seller_id as string,
    eventId: row.event_id as string,
    eventType: row.event_type as string,
    status,
    attempts: row.attempts as number,
    nextAttemptAt: status === 'PENDING' ? iso(row.next_attempt_at) : null,
    lastStatusCode: (row.last_status_code as number | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    replayOf: (row.replay_of as string | null) ?? null,
    createdAt: iso(row.created_at)!,
    completedAt: iso(row.completed_at),
  };
}
