import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transaction } from '@settle/messaging';
import { DataSource } from 'typeorm';
import type { EndpointOutcome } from './retry-policy';
import { iso, type Row } from './sql-rows';
import type { Endpoint, EndpointStatus } from './webhook.model';

/** Webhook endpoints and their signing secrets (SQL with row mappers); writes run in the caller's transaction. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertEndpoint(tx: Transaction, endpoint: Endpoint, secret: { id: string; secret: string }): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_endpoints (id, seller_id, url, event_types, status, created_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5)`,
      [endpoint.id, endpoint.sellerId, endpoint.url, endpoint.eventTypes, endpoint.createdAt],
    );
    await tx.query(`INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES ($1, $2, $3, $4)`, [
      secret.id,
      endpoint.id,
      secret.secret,
      endpoint.createdAt,
    ]);
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

  async deleteEndpoint(tx: Transaction, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE webhook_endpoints SET status = 'DELETED', deleted_at = $2 WHERE id = $1`, [id, at]);
  }

  /** A new secret; the current ones keep signing until `previousUntil`. */
  async rotateSecret(
    tx: Transaction,
    endpointId: string,
    secret: { id: string; secret: string },
    at: Date,
    previousUntil: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE webhook_secrets SET expires_at = $2
       WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > $2)`,
      [endpointId, previousUntil],
    );
    await tx.query(`INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES ($1, $2, $3, $4)`, [
      secret.id,
      endpointId,
      secret.secret,
      at,
    ]);
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
  async subscribedEndpoints(tx: Transaction, sellerId: string, eventType: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM webhook_endpoints WHERE seller_id = $1 AND status = 'ACTIVE'
       AND (event_types @> ARRAY[$2]::text[] OR event_types @> ARRAY['*']::text[])`,
      [sellerId, eventType],
    );
    return rows.map((row) => row.id);
  }

  /** The seller asked for a send now (a replay): the endpoint's back-off after failures no longer holds it. */
  async releaseEndpoint(tx: Transaction, endpointId: string): Promise<void> {
    await tx.query(`UPDATE webhook_endpoints SET retry_after = NULL WHERE id = $1 AND retry_after IS NOT NULL`, [
      endpointId,
    ]);
  }

  /**
   * Each endpoint's failing streak after a batch of attempts (`outcomes`: the last outcome per endpoint in the batch,
   * with the first failure time of a streak).
   */
  async recordOutcomes(tx: Transaction, endpointOutcomes: EndpointOutcome[]): Promise<void> {
    const outcomes = [...endpointOutcomes].sort((a, b) => a.endpointId.localeCompare(b.endpointId));
    const recovered = outcomes.filter((outcome) => outcome.succeeded).map((outcome) => outcome.endpointId);
    const failing = outcomes.filter((outcome) => !outcome.succeeded);
    if (recovered.length > 0) {
      await tx.query(
        `UPDATE webhook_endpoints SET failing_since = NULL, retry_after = NULL
         WHERE id = ANY($1::uuid[]) AND failing_since IS NOT NULL`,
        [recovered],
      );
    }
    if (failing.length > 0) {
      await tx.query(
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
  }

  /** Active again (the seller turned it back on): no failing streak or back-off carried over. */
  async enableEndpoint(tx: Transaction, endpointId: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints SET status = 'ACTIVE', disabled_reason = NULL, disabled_at = NULL,
         failing_since = NULL, retry_after = NULL
       WHERE id = $1 AND status = 'DISABLED'`,
      [endpointId],
    );
  }

  async disableEndpoint(tx: Transaction, endpointId: string, reason: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints SET status = 'DISABLED', disabled_reason = $2, disabled_at = $3
       WHERE id = $1 AND status = 'ACTIVE'`,
      [endpointId, reason, at],
    );
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
