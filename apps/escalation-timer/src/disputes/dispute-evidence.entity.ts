import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Evidence recorded on a dispute (evidence.added): what the evidence checklist counts, for whom. */
@Entity('dispute_evidence')
@Index('dispute_evidence_dispute', ['disputeId', 'addedAt'])
export class DisputeEvidenceEntity {
  @PrimaryColumn('uuid', { name: 'evidence_id' })
  evidenceId!: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text')
  kind!: string;

  @Column('text', { name: 'added_by_role' })
  addedByRole!: string;

  @Column('text', { name: 'added_by_id' })
  addedById!: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt!: Date;
}
