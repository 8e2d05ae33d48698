import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RulingDecisionDto } from '@settle/contracts';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { EscalationEntity, type EscalationHistoryEntry } from './escalation.entity';
import type { Transaction } from '@settle/messaging';

export type EscalationStatus = 'OPEN' | 'CLAIMED' | 'RULED' | 'CLOSED';

export interface QueueFilter {
  status?: EscalationStatus;
  overdue?: boolean;
  now: Date;
  limit: number;
  after?: { dueAt: string; id: string };
}

const history = (entry: EscalationHistoryEntry) => JSON.stringify([entry]);

/** The staff queue's rows: the only place the escalations table is touched. */
@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async open(
    tx: Transaction,
    row: { id: string; disputeId: string; sellerId: string; cause: string; escalatedAt: Date; dueAt: Date },
  ): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(EscalationEntity)
      .values({
        ...row,
        status: 'OPEN',
        overdueFlaggedAt: null,
        claimedBy: null,
        claimedAt: null,
        ruling: null,
        rulingSubmittedBy: null,
        rulingSubmittedAt: null,
        ruledBy: null,
        ruledAt: null,
        closedAt: null,
        agreedAfterEscalation: false,
        history: [{ action: 'ESCALATED', at: row.escalatedAt.toISOString(), note: row.cause }],
      })
      .orIgnore()
      .execute();
  }

  async ruled(tx: Transaction, disputeId: string, ruledBy: string, ruledAt: Date): Promise<void> {
    await tx.query(
      `UPDATE escalations SET status = 'RULED', ruled_by = $2, ruled_at = $3, history = history || $4::jsonb
       WHERE dispute_id = $1 AND status IN ('OPEN', 'CLAIMED')`,
      [disputeId, ruledBy, ruledAt, history({ action: 'RULED', at: ruledAt.toISOString(), by: ruledBy })],
    );
  }

  /** The parties agreed after escalation (or the dispute was withdrawn): the case leaves the queue. */
  async close(tx: Transaction, disputeId: string, agreed: boolean, at: Date): Promise<void> {
    await tx.query(
      `UPDATE escalations SET status = 'CLOSED', closed_at = $2, agreed_after_escalation = $3,
         history = history || $4::jsonb
       WHERE dispute_id = $1 AND status IN ('OPEN', 'CLAIMED')`,
      [
        disputeId,
        at,
        agreed,
        history({ action: 'CLOSED', at: at.toISOString(), note: agreed ? 'AGREED' : 'CANCELLED' }),
      ],
    );
  }

  /** Staff moved the ruling SLA (extended or resumed it): the open case is due then, and not overdue before it. */
  async moveDue(tx: Transaction, disputeId: string, dueAt: Date): Promise<void> {
    await tx.query(
      `UPDATE escalations SET due_at = $2, overdue_flagged_at = NULL
       WHERE dispute_id = $1 AND status IN ('OPEN', 'CLAIMED')`,
      [disputeId, dueAt],
    );
  }

  /** The staff ruling SLA passed: flagged overdue to leads. */
  async flagOverdue(tx: Transaction, disputeIds: string[], at: Date): Promise<void> {
    await tx.query(
      `UPDATE escalations SET overdue_flagged_at = $2, history = history || $3::jsonb
       WHERE dispute_id = ANY($1::uuid[]) AND status IN ('OPEN', 'CLAIMED') AND overdue_flagged_at IS NULL`,
      [disputeIds, at, history({ action: 'OVERDUE', at: at.toISOString() })],
    );
  }

  async lock(tx: Transaction, id: string): Promise<EscalationEntity | null> {
    return tx
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async find(id: string): Promise<EscalationEntity | null> {
    return this.dataSource.getRepository(EscalationEntity).findOneBy({ id });
  }

  async claim(
    tx: Transaction,
    id: string,
    staffId: string,
    at: Date,
    action: 'CLAIMED' | 'REASSIGNED',
    by: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE escalations SET status = 'CLAIMED', claimed_by = $2, claimed_at = $3, history = history || $4::jsonb
       WHERE id = $1`,
      [id, staffId, at, history({ action, at: at.toISOString(), by, note: staffId })],
    );
  }

  async submitRuling(tx: Transaction, id: string, ruling: RulingDecisionDto, staffId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE escalations SET ruling = $2, ruling_submitted_by = $3, ruling_submitted_at = $4,
         history = history || $5::jsonb
       WHERE id = $1`,
      [
        id,
        JSON.stringify(ruling),
        staffId,
        at,
        history({ action: 'RULING_SUBMITTED', at: at.toISOString(), by: staffId }),
      ],
    );
  }

  async queue(filter: QueueFilter): Promise<EscalationEntity[]> {
    return this.queueQuery(filter).getMany();
  }

  /** A queue page's statement: keyset on (due_at, id), served by the queue indexes (one per saved view's shape). */
  queueQuery(filter: QueueFilter): SelectQueryBuilder<EscalationEntity> {
    const query = this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .orderBy('e.dueAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(filter.limit + 1);
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.overdue === true) {
      query.andWhere(`e.status IN ('OPEN', 'CLAIMED') AND e.dueAt <= :now`, { now: filter.now });
    } else if (filter.overdue === false) {
      query.andWhere(`NOT (e.status IN ('OPEN', 'CLAIMED') AND e.dueAt <= :now)`, { now: filter.now });
    }
    if (filter.after) {
      query.andWhere('(e.dueAt, e.id) > (:afterDue, :afterId)', {
        afterDue: new Date(filter.after.dueAt),
        afterId: filter.after.id,
      });
    }
    return query;
  }

  /** Escalations opened since `since`, for the service-level metrics. */
  async since(since: Date): Promise<EscalationEntity[]> {
    return this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.escalatedAt >= :since', { since })
      .getMany();
  }

  async forDisputes(disputeIds: string[]): Promise<EscalationEntity[]> {
    if (disputeIds.length === 0) return [];
    return this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.disputeId IN (:...disputeIds)', { disputeIds })
      .getMany();
  }
}
