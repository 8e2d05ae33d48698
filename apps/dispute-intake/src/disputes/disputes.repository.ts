import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chainHash, GENESIS_HASH, type ChainedEvent } from '@settle/contracts';
import type { Dispute } from '@settle/dispute-lifecycle';
import { claim } from '@settle/messaging';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DisputeEventEntity } from './dispute-event.entity';
import { DisputeEntity } from './dispute.entity';
import type { WireEvent } from './wire-events';

/** A unit of work: the transaction every write of one request or one message runs in. */
export type Tx = EntityManager;

export interface DisputeFilter {
  status?: string;
  sellerId?: string;
  orderId?: string;
}

/** The only place dispute rows and their hash-chained events are read and written (STYLE.md 1). */
@Injectable()
export class DisputesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Records a consumed message in the inbox of `consumer`, in `tx`; false when it was handled already. */
  claim(tx: Tx, consumer: string, eventId: string): Promise<boolean> {
    return claim(tx, consumer, eventId);
  }

  /** True when `error` is the second open dispute on one order (the partial unique index). */
  isSecondOpenDispute(error: unknown): boolean {
    return (
      error instanceof QueryFailedError &&
      (error.driverError as { constraint?: string }).constraint === 'disputes_one_open_per_order'
    );
  }

  async findOpenForOrder(orderId: string, tx?: Tx): Promise<DisputeEntity | null> {
    return (tx ?? this.dataSource.manager)
      .createQueryBuilder(DisputeEntity, 'd')
      .where('d.orderId = :orderId', { orderId })
      .andWhere(`d.status NOT IN ('RESOLVED', 'CANCELLED')`)
      .getOne();
  }

  async find(id: string): Promise<DisputeEntity | null> {
    return this.dataSource.manager.findOneBy(DisputeEntity, { id });
  }

  /** Locks the dispute for the rest of the transaction: its commands apply one at a time. */
  async lock(tx: Tx, id: string): Promise<DisputeEntity | null> {
    return tx.createQueryBuilder(DisputeEntity, 'd').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  }

  async insert(tx: Tx, dispute: DisputeEntity): Promise<void> {
    await tx.insert(DisputeEntity, dispute);
  }

  async saveState(tx: Tx, id: string, state: Dispute, at: Date): Promise<void> {
    await tx.update(DisputeEntity, { id }, { state, status: state.status, version: state.version, updatedAt: at });
  }

  /** Appends events to the dispute's history, each linked to the one before by its hash. */
  async appendEvents(
    tx: Tx,
    dispute: { id: string; sellerId: string },
    events: (WireEvent & { eventId: string })[],
  ): Promise<void> {
    const [last] = await tx.query<{ hash: string }[]>(
      `SELECT hash FROM dispute_events WHERE dispute_id = $1 ORDER BY version DESC LIMIT 1`,
      [dispute.id],
    );
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows: DisputeEventEntity[] = events.map((event) => {
      const hash = chainHash({
        disputeId: dispute.id,
        version: event.version,
        eventId: event.eventId,
        type: event.type,
        occurredAt: event.occurredAt,
        data: event.data,
        prevHash,
      });
      const row = Object.assign(new DisputeEventEntity(), {
        disputeId: dispute.id,
        version: event.version,
        eventId: event.eventId,
        type: event.type,
        sellerId: dispute.sellerId,
        occurredAt: new Date(event.occurredAt),
        data: event.data,
        domain: event.domain,
        prevHash,
        hash,
      });
      prevHash = hash;
      return row;
    });
    await tx.insert(DisputeEventEntity, rows as QueryDeepPartialEntity<DisputeEventEntity>[]);
  }

  async history(disputeId: string, tx?: Tx): Promise<DisputeEventEntity[]> {
    return (tx ?? this.dataSource.manager).find(DisputeEventEntity, {
      where: { disputeId },
      order: { version: 'ASC' },
    });
  }

  /** Whether a command id was already applied to this dispute (a command re-sent under a new envelope). */
  async commandApplied(tx: Tx, disputeId: string, commandId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM dispute_events WHERE dispute_id = $1 AND data->>'commandId' = $2 LIMIT 1`,
      [disputeId, commandId],
    );
    return rows.length > 0;
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
