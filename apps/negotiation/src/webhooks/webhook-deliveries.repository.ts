import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transaction } from '@settle/messaging';
import { DataSource } from 'typeorm';
import { iso, type Row } from './sql-rows';
import type { Attempt, ClaimedDelivery, Delivery, DeliveryStatus, NewDelivery, RecordedAttempt } from './webhook.model';

/** Webhook deliveries and their attempts (SQL with row mappers); writes run in the caller's transaction. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertDeliveries(tx: Transaction, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await tx.query(
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

  /** A batch of finished attempts: the attempts log and each delivery's new state, in the caller's transaction. */
  async recordAttempts(tx: Transaction, recorded: RecordedAttempt[]): Promise<void> {
    const attempts = [...recorded].sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
    await tx.query(
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
    await tx.query(
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
  }

  /** Fails what is still pending for an endpoint (deleted or disabled). */
  async failPending(tx: Transaction, endpointId: string, error: string, at: Date): Promise<void> {
    await tx.query(
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
