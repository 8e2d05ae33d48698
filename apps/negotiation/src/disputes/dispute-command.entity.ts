import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A command sent to the dispute's owner, and its outcome once the owner answered (applied or rejected). */
@Entity({ name: 'dispute_commands' })
@Index('dispute_commands_dispute', ['disputeId'])
export class DisputeCommandEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text')
  type!: string;

  @Column('jsonb')
  actor!: unknown;

  @Column('integer', { name: 'expected_version' })
  expectedVersion!: number;

  @Column('text')
  status!: string;

  @Column('jsonb', { nullable: true })
  outcome!: unknown;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;
}
