import type { RulingDecisionDto } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface EscalationHistoryEntry {
  action: 'ESCALATED' | 'CLAIMED' | 'REASSIGNED' | 'RULING_SUBMITTED' | 'RULED' | 'OVERDUE' | 'CLOSED';
  at: string;
  by?: string;
  note?: string;
}

/** An escalated dispute in the staff queue: OPEN, CLAIMED (one staff member), RULED, or CLOSED (agreed, cancelled). */
@Entity('escalations')
@Index('escalations_dispute', ['disputeId'], { unique: true })
@Index('escalations_queue', ['dueAt', 'id'])
// The queue's saved views read one status, or the open and claimed ones, in due order (keyset pages): without these
// a view scanned the rows of every case ruled long ago before reaching the first open one.
@Index('escalations_status_queue', ['status', 'dueAt', 'id'])
@Index('escalations_active_queue', ['dueAt', 'id'], { where: `status IN ('OPEN', 'CLAIMED')` })
export class EscalationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text')
  status!: string;

  @Column('text')
  cause!: string;

  @Column('timestamptz', { name: 'escalated_at' })
  escalatedAt!: Date;

  /** The staff ruling SLA. */
  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'overdue_flagged_at', nullable: true })
  overdueFlaggedAt!: Date | null;

  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  ruling!: RulingDecisionDto | null;

  @Column('text', { name: 'ruling_submitted_by', nullable: true })
  rulingSubmittedBy!: string | null;

  @Column('timestamptz', { name: 'ruling_submitted_at', nullable: true })
  rulingSubmittedAt!: Date | null;

  @Column('text', { name: 'ruled_by', nullable: true })
  ruledBy!: string | null;

  @Column('timestamptz', { name: 'ruled_at', nullable: true })
  ruledAt!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('boolean', { name: 'agreed_after_escalation' })
  agreedAfterEscalation!: boolean;

  @Column('jsonb')
  history!: EscalationHistoryEntry[];
}
