import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chainHash,
  GENESIS_HASH,
  required,
  type AuditResultDto,
  type ChainedEvent,
  type ListingDto,
} from '@settle/contracts';
import type { Dispute } from '@settle/dispute-lifecycle';
import type { PreparedOutboxInsert, Transaction } from '@settle/messaging';
import { DataSource, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DisputeEventEntity } from './dispute-event.entity';
import { DisputeEntity } from './dispute.entity';
import type { WireEvent } from './wire-events';

/** The part of the pg pool the hot path uses (named prepared statements). */
interface PreparedPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** What opening a dispute reads before it writes, in one round trip. */
export interface OpeningFacts {
  /** The order's open dispute, if it has one. */
  openDisputeId: string | null;
  /** The listing version in force at the order's payment, and the audit in force then for that version. */
  listingVersion: { version: number; listing: ListingDto } | null;
  audit: AuditResultDto | null;
}

/** A statement (SQL and its parameters) to run inside the opening's single write. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export interface DisputeFilter {
  status?: string;
  sellerId?: string;
  orderId?: string;
}

/** The only place dispute rows and their hash-chained events are read and written (docs/CONVENTIONS.md, "Layout"). */
@Injectable()
export class DisputesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when `error` is the second open dispute on one order (the partial unique index). */
  isSecondOpenDispute(error: unknown): boolean {
    const driverError: unknown = error instanceof QueryFailedError ? error.driverError : error;
    return (driverError as { constraint?: string } | null)?.constraint === 'disputes_one_open_per_order';
  }

  /**
   * A statement of the opening's hot path, straight on the driver's pool as a named prepared statement: Postgres
   * parses and plans it once per connection, and no TypeORM query runner is set up around it.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: PreparedPool }).master;
    const result = await pool.query({ name, text, values });
    return result.rows as T[];
  }

  /**
   * The order's open dispute and the listing (and its audit) in force at `paidAt`, in one query: the reads of
   * opening a dispute. `paidAt` null skips the listing (an order the lifecycle will refuse anyway).
   */
  async openingFacts(orderId: string, listingId: string, paidAt: Date | null): Promise<OpeningFacts> {
    const [found] = await this.prepared<{
      open_dispute_id: string | null;
      version: number | null;
      listing: ListingDto | null;
      result: AuditResultDto | null;
    }>(
      'intake_opening_facts',
      `SELECT (SELECT id FROM disputes WHERE order_id = $1 AND status NOT IN ('RESOLVED', 'CANCELLED') LIMIT 1)
                AS open_dispute_id,
              v.version, v.listing, a.result
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT version, listing FROM listing_versions
         WHERE $3::timestamptz IS NOT NULL AND listing_id = $2 AND valid_from <= $3
         ORDER BY valid_from DESC, version DESC LIMIT 1) AS v ON true
       LEFT JOIN LATERAL (
         SELECT result FROM listing_audits
         WHERE listing_id = $2 AND audited_at <= $3 AND (listing_version IS NULL OR listing_version = v.version)
         ORDER BY audited_at DESC LIMIT 1) AS a ON v.version IS NOT NULL`,
      [orderId, listingId, paidAt],
    );
    // FROM (SELECT 1) with LEFT JOINs: always exactly one row.
    const row = required(found, 'the opening facts row');
    return {
      openDisputeId: row.open_dispute_id,
      listingVersion:
        row.version === null || row.listing === null ? null : { version: row.version, listing: row.listing },
      audit: row.result,
    };
  }

  /**
   * A new dispute, its first event (the head of its hash chain), its outbox rows and the request's
   * Idempotency-Key record, in ONE statement (one round trip, one commit): a data-modifying WITH is atomic.
   * `row` is the first event (`firstEvent`).
   */
  async insertOpened(
    dispute: DisputeEntity,
    row: DisputeEventEntity,
    outbox: (firstParam: number) => PreparedOutboxInsert<unknown>,
    extra?: (firstParam: number) => Statement,
  ): Promise<void> {
    // The opened payload is the first event's data (one object): serialized once for both columns.
    const opened = JSON.stringify(dispute.opened);
    const params: unknown[] = [
      dispute.id,
      dispute.orderId,
      dispute.buyerId,
      dispute.sellerId,
      dispute.listingId,
      dispute.status,
      dispute.version,
      dispute.openedAt,
      dispute.updatedAt,
      JSON.stringify(dispute.state),
      opened,
      row.version,
      row.eventId,
      row.type,
      row.occurredAt,
      (row.data as unknown) === dispute.opened ? opened : JSON.stringify(row.data),
      JSON.stringify(row.domain),
      row.prevHash,
      row.hash,
      row.chainSeq,
    ];
    const rows = outbox(params.length + 1);
    params.push(...rows.params);
    const more = extra?.(params.length + 1);
    if (more) params.push(...more.params);
    const extraStatement = more ? `, extra AS (${more.sql})` : '';
    await this.prepared(
      // One event, one outbox row: the statement's text depends only on whether a key record comes with it.
      more ? 'intake_insert_opened_with_key' : 'intake_insert_opened',
      `WITH new_dispute AS (
         INSERT INTO disputes (id, order_id, buyer_id, seller_id, listing_id, status, version, opened_at, updated_at,
                               state, opened)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)),
       first_event AS (
         INSERT INTO dispute_events (dispute_id, version, event_id, type, seller_id, occurred_at, data, domain,
                                     prev_hash, hash, chain_seq)
         VALUES ($1, $12, $13, $14, $4, $15, $16::jsonb, $17::jsonb, $18, $19, $20)),
       outbox_rows AS (${rows.sql})${extraStatement}
       SELECT 1`,
      params,
    );
  }

  /** The first event of a dispute as a row: its chain starts at GENESIS_HASH. */
  firstEvent(dispute: { id: string; sellerId: string }, event: WireEvent & { eventId: string }): DisputeEventEntity {
    return eventRow(dispute, event, 1, GENESIS_HASH);
  }

  async find(id: string): Promise<DisputeEntity | null> {
    return this.dataSource.manager.findOneBy(DisputeEntity, { id });
  }

  /** Locks the dispute for the rest of the transaction: its commands apply one at a time. */
  async lock(tx: Transaction, id: string): Promise<DisputeEntity | null> {
    return tx.createQueryBuilder(DisputeEntity, 'd').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  }

  async saveState(tx: Transaction, id: string, state: Dispute, at: Date): Promise<void> {
    await tx.update(DisputeEntity, { id }, { state, status: state.status, version: state.version, updatedAt: at });
  }

  /**
   * The last link of the dispute's hash chain (its events, messages and evidence), or null before the first. Call it with
   * the dispute locked: links are appended one writer at a time.
   */
  async chainHead(tx: Transaction, disputeId: string): Promise<{ seq: number; hash: string } | null> {
    const [last] = await tx.query<{ seq: number; hash: string }[]>(
      `SELECT chain_seq AS seq, hash FROM dispute_events WHERE dispute_id = $1
       UNION ALL
       SELECT chain_seq AS seq, hash FROM dispute_messages WHERE dispute_id = $1
       UNION ALL
       SELECT chain_seq AS seq, hash FROM dispute_evidence WHERE dispute_id = $1
       ORDER BY seq DESC LIMIT 1`,
      [disputeId],
    );
    return last ?? null;
  }

  /**
   * Every link of the dispute's chain, oldest first: its events, messages and evidence, as the export carries them
   * (`version` is the link's place in the chain).
   */
  async chain(disputeId: string): Promise<ChainedEvent[]> {
    const rows = await this.dataSource.query<
      {
        seq: number;
        event_id: string;
        type: string;
        occurred_at: Date;
        data: unknown;
        prev_hash: string;
        hash: string;
      }[]
    >(
      `SELECT chain_seq AS seq, event_id, type, occurred_at, data, prev_hash, hash
         FROM dispute_events WHERE dispute_id = $1
       UNION ALL
       SELECT chain_seq AS seq, event_id, type, occurred_at, data, prev_hash, hash
         FROM dispute_messages WHERE dispute_id = $1
       UNION ALL
       SELECT chain_seq AS seq, event_id, type, occurred_at, data, prev_hash, hash
         FROM dispute_evidence WHERE dispute_id = $1
       ORDER BY seq`,
      [disputeId],
    );
    return rows.map((row) => ({
      disputeId,
      version: row.seq,
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at.toISOString(),
      data: row.data,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  }

  /** Appends events to the dispute's chain, each linked to the one before (event or message) by its hash. */
  async appendEvents(
    tx: Transaction,
    dispute: { id: string; sellerId: string },
    events: (WireEvent & { eventId: string })[],
  ): Promise<void> {
    const head = await this.chainHead(tx, dispute.id);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const rows: DisputeEventEntity[] = events.map((event) => {
      seq += 1;
      const row = eventRow(dispute, event, seq, prevHash);
      prevHash = row.hash;
      return row;
    });
    await tx.insert(DisputeEventEntity, rows as QueryDeepPartialEntity<DisputeEventEntity>[]);
  }

  async history(disputeId: string, tx?: Transaction): Promise<DisputeEventEntity[]> {
    return (tx ?? this.dataSource.manager).find(DisputeEventEntity, {
      where: { disputeId },
      order: { version: 'ASC' },
    });
  }

  /** Whether a command id was already applied to this dispute (a command re-sent under a new envelope). */
  async commandApplied(tx: Transaction, disputeId: string, commandId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM dispute_events WHERE dispute_id = $1 AND data->>'commandId' = $2 LIMIT 1`,
      [disputeId, commandId],
    );
    return rows.length > 0;
  }

  /** How many disputes are in each status (statuses with none are absent), under the same filter as `list`. */
  async countByStatus(filter: Omit<DisputeFilter, 'status'>): Promise<Map<string, number>> {
    const query = this.dataSource.manager
      .createQueryBuilder(DisputeEntity, 'd')
      .select('d.status', 'status')
      .addSelect('count(*)::int', 'count');
    if (filter.sellerId) query.andWhere('d.sellerId = :sellerId', { sellerId: filter.sellerId });
    if (filter.orderId) query.andWhere('d.orderId = :orderId', { orderId: filter.orderId });
    const rows = await query.groupBy('d.status').getRawMany<{ status: string; count: number }>();
    return new Map(rows.map((row) => [row.status, row.count]));
  }

  /** Newest first (ids are UUIDv7); `afterId` is the last id of the previous page. */
  async list(filter: DisputeFilter, limit: number, afterId?: string): Promise<DisputeEntity[]> {
    const query = this.dataSource.manager.createQueryBuilder(DisputeEntity, 'd');
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.sellerId) query.andWhere('d.sellerId = :sellerId', { sellerId: filter.sellerId });
    if (filter.orderId) query.andWhere('d.orderId = :orderId', { orderId: filter.orderId });
    if (afterId) query.andWhere('d.id < :afterId', { afterId });
    return query
      .orderBy('d.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }
}

export type { ChainedEvent };

/** An event as a link of the dispute's chain at `seq`, after the link whose hash is `prevHash`. */
function eventRow(
  dispute: { id: string; sellerId: string },
  event: WireEvent & { eventId: string },
  seq: number,
  prevHash: string,
): DisputeEventEntity {
  const hash = chainHash({
    disputeId: dispute.id,
    version: seq,
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    data: event.data,
    prevHash,
  });
  return Object.assign(new DisputeEventEntity(), {
    disputeId: dispute.id,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    sellerId: dispute.sellerId,
    occurredAt: new Date(event.occurredAt),
    data: event.data,
    domain: event.domain,
    chainSeq: seq,
    prevHash,
    hash,
  });
}
