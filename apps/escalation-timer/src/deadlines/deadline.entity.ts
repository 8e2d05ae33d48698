import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AdjustmentRecord } from './deadline-rules';

/** One deadline of one dispute: scheduled from a dispute event, fired once by whichever replica claims it. */
@Entity('deadlines')
@Index('deadlines_due', ['fireAt'], { where: `status = 'PENDING'` })
@Index('deadlines_dispute', ['disputeId'])
@Index('deadlines_one_live_per_kind', ['disputeId', 'kind'], { unique: true, where: `status IN ('PENDING', 'PAUSED')` })
export class DeadlineEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  party!: string;

  /** PENDING, PAUSED, FIRED or CANCELLED. */
  @Column('text')
  status!: string;

  /** Null while paused. */
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column('bigint', { name: 'remaining_ms', nullable: true })
  remainingMs!: string | null;

  @Column('timestamptz', { name: 'remind_at', nullable: true })
  remindAt!: Date | null;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt!: Date | null;

  /** The next instant the claimer acts on a PENDING row (its reminder, then its due time). */
  @Column('timestamptz', { name: 'fire_at', nullable: true })
  fireAt!: Date | null;

  @Column('integer', { name: 'based_on_version' })
  basedOnVersion!: number;

  /** The latest dispute version seen: the `expectedVersion` of the command this deadline sends. */
  @Column('integer', { name: 'dispute_version' })
  disputeVersion!: number;

  @Column('text', { name: 'seller_id', nullable: true })
  sellerId!: string | null;

  /** For the seller-response deadline: the buyer proposal it runs for (auto-accepted when it passes). */
  @Column('uuid', { name: 'proposal_id', nullable: true })
  proposalId!: string | null;

  @Column('uuid', { name: 'replaces_deadline_id', nullable: true })
  replacesDeadlineId!: string | null;

  @Column('jsonb')
  adjustments!: AdjustmentRecord[];

  @Column('timestamptz', { name: 'scheduled_at' })
  scheduledAt!: Date;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt!: Date | null;

  @Column('uuid', { name: 'command_id', nullable: true })
  commandId!: string | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;
}
