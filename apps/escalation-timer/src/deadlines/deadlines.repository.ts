import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineKind } from '@settle/contracts';
import { DataSource } from 'typeorm';
import { DeadlineEntity } from './deadline.entity';
import type { AdjustmentRecord, LiveDeadline, LiveStatus } from './deadline-rules';
import type { Transaction } from '@settle/messaging';

export interface NewDeadlineRow {
  id: string;
  disputeId: string;
  kind: DeadlineKind;
  party: string;
  status: LiveStatus;
  dueAt: Date | null;
  remainingMs: number | null;
  remindAt: Date | null;
  fireAt: Date | null;
  version: number;
  sellerId: string | null;
  proposalId: string | null;
  replacesDeadlineId: string | null;
  scheduledAt: Date;
}

/** A claimed due row, with what the claimer needs to build its command and events. */
export interface ClaimedDeadline {
  id: string;
  disputeId: string;
  kind: DeadlineKind;
  party: string;
  dueAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
  basedOnVersion: number;
  disputeVersion: number;
  sellerId: string | null;
  proposalId: string | null;
}

export interface ClaimOutcome {
  id: string;
  /** REMINDED: still pending, next fire at `fireAt`; FIRED: done. */
  outcome: 'REMINDED' | 'FIRED';
  fireAt: Date | null;
  commandId: string | null;
}

/** The only place deadline rows are read and written. */
@Injectable()
export class DeadlinesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** The running and paused deadlines of a dispute, locked for the caller's transaction. */
  async live(tx: Transaction, disputeId: string): Promise<(LiveDeadline & { row: DeadlineEntity })[]> {
    const rows = await tx
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .where('d.disputeId = :disputeId', { disputeId })
      .andWhere(`d.status IN ('PENDING', 'PAUSED')`)
      .setLock('pessimistic_write')
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as DeadlineKind,
      status: row.status as LiveStatus,
      dueAt: row.dueAt,
      remainingMs: row.remainingMs === null ? null : Number(row.remainingMs),
      row,
    }));
  }

  async insert(tx: Transaction, rows: NewDeadlineRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.getRepository(DeadlineEntity).insert(
      rows.map((row) => ({
        id: row.id,
        disputeId: row.disputeId,
        kind: row.kind,
        party: row.party,
        status: row.status,
        dueAt: row.dueAt,
        remainingMs: row.remainingMs === null ? null : String(row.remainingMs),
        remindAt: row.remindAt,
        remindedAt: null,
        fireAt: row.fireAt,
        basedOnVersion: row.version,
        disputeVersion: row.version,
        sellerId: row.sellerId,
        proposalId: row.proposalId,
        replacesDeadlineId: row.replacesDeadlineId,
        adjustments: [],
        scheduledAt: row.scheduledAt,
        firedAt: null,
        commandId: null,
        cancelledAt: null,
        cancelReason: null,
      })),
    );
  }

  async cancel(tx: Transaction, id: string, reason: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE deadlines SET status = 'CANCELLED', cancelled_at = $2, cancel_reason = $3, fire_at = NULL
       WHERE id = $1 AND status IN ('PENDING', 'PAUSED')`,
      [id, at, reason],
    );
  }

  /** Running again (or still), due at `dueAt`; the reminder follows the new due time. */
  async run(
    tx: Transaction,
    id: string,
    change: { dueAt: Date; remindAt: Date | null; fireAt: Date; adjustment?: AdjustmentRecord },
  ): Promise<void> {
    await tx.query(
      `UPDATE deadlines SET status = 'PENDING', due_at = $2, remaining_ms = NULL, remind_at = $3, reminded_at = NULL,
         fire_at = $4, adjustments = adjustments || $5::jsonb
       WHERE id = $1`,
      [id, change.dueAt, change.remindAt, change.fireAt, JSON.stringify(change.adjustment ? [change.adjustment] : [])],
    );
  }

  async pause(tx: Transaction, id: string, remainingMs: number, adjustment?: AdjustmentRecord): Promise<void> {
    await tx.query(
      `UPDATE deadlines SET status = 'PAUSED', due_at = NULL, remaining_ms = $2, fire_at = NULL,
         adjustments = adjustments || $3::jsonb
       WHERE id = $1`,
      [id, remainingMs, JSON.stringify(adjustment ? [adjustment] : [])],
    );
  }

  /** Every live deadline of the dispute sends its command with the dispute's latest version. */
  async followVersion(
    tx: Transaction,
    disputeId: string,
    version: number,
    buyerProposalId: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE deadlines SET dispute_version = greatest(dispute_version, $2),
         proposal_id = CASE WHEN kind = 'SELLER_RESPONSE' THEN coalesce($3::uuid, proposal_id) ELSE proposal_id END
       WHERE dispute_id = $1 AND status IN ('PENDING', 'PAUSED')`,
      [disputeId, version, buyerProposalId],
    );
  }

  /** A fired deadline whose command the owner refused as stale fires again at once, with the current version. */
  async rearmAfterStaleCommand(
    tx: Transaction,
    commandId: string,
    version: number | undefined,
    at: Date,
  ): Promise<boolean> {
    // An UPDATE answers [rows, rowCount] through TypeORM's postgres driver.
    const [, updated] = await tx.query<[unknown[], number]>(
      `UPDATE deadlines d SET status = 'PENDING', fire_at = $3, fired_at = NULL, command_id = NULL,
         dispute_version = greatest(d.dispute_version, coalesce($2, d.dispute_version))
       WHERE d.command_id = $1 AND d.status = 'FIRED'
         AND NOT EXISTS (SELECT 1 FROM deadlines o WHERE o.dispute_id = d.dispute_id AND o.kind = d.kind
                         AND o.status IN ('PENDING', 'PAUSED'))
       RETURNING d.id`,
      [commandId, version ?? null, at],
    );
    return updated > 0;
  }

  /**
   * Claims up to `limit` due rows (`FOR UPDATE SKIP LOCKED`: replicas never take the same row). The caller writes
   * their commands to the outbox and records the outcome in the same transaction.
   */
  async claimDue(tx: Transaction, now: Date, limit: number): Promise<ClaimedDeadline[]> {
    const rows = await tx.query<
      {
        id: string;
        dispute_id: string;
        kind: DeadlineKind;
        party: string;
        due_at: Date;
        remind_at: Date | null;
        reminded_at: Date | null;
        based_on_version: number;
        dispute_version: number;
        seller_id: string | null;
        proposal_id: string | null;
      }[]
    >(
      `SELECT id, dispute_id, kind, party, due_at, remind_at, reminded_at, based_on_version, dispute_version,
              seller_id, proposal_id
       FROM deadlines WHERE status = 'PENDING' AND fire_at <= $1
       ORDER BY fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      disputeId: row.dispute_id,
      kind: row.kind,
      party: row.party,
      dueAt: row.due_at,
      remindAt: row.remind_at,
      remindedAt: row.reminded_at,
      basedOnVersion: row.based_on_version,
      disputeVersion: row.dispute_version,
      sellerId: row.seller_id,
      proposalId: row.proposal_id,
    }));
  }

  /** Records what the claimer did with each claimed row, in one statement. */
  async recordClaims(tx: Transaction, outcomes: ClaimOutcome[], now: Date): Promise<void> {
    if (outcomes.length === 0) return;
    await tx.query(
      `UPDATE deadlines d SET
         status = CASE WHEN c.outcome = 'FIRED' THEN 'FIRED' ELSE 'PENDING' END,
         reminded_at = CASE WHEN c.outcome = 'REMINDED' THEN $4 ELSE d.reminded_at END,
         fired_at = CASE WHEN c.outcome = 'FIRED' THEN $4 ELSE NULL END,
         fire_at = c.fire_at,
         command_id = c.command_id
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $5::uuid[]) AS c(id, outcome, fire_at, command_id)
       WHERE d.id = c.id`,
      [
        outcomes.map((o) => o.id),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.fireAt),
        now,
        outcomes.map((o) => o.commandId),
      ],
    );
  }

  async earliestPending(): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ fire_at: Date | null }[]>(
      `SELECT min(fire_at) AS fire_at FROM deadlines WHERE status = 'PENDING'`,
    );
    return row?.fire_at ?? null;
  }

  async byId(tx: Transaction, id: string): Promise<DeadlineEntity | null> {
    return tx.getRepository(DeadlineEntity).findOneBy({ id });
  }

  async forDispute(disputeId: string): Promise<DeadlineEntity[]> {
    return this.dataSource
      .getRepository(DeadlineEntity)
      .find({ where: { disputeId }, order: { scheduledAt: 'ASC', id: 'ASC' } });
  }
}
