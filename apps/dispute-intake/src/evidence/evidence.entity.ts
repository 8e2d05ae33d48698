import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A piece of evidence of a dispute, as a link of the dispute's hash chain (`evidence.added`, its payload in `data`
 * with the SHA-256 of the stored bytes), and where its bytes are: `objectKey` (and `thumbnailKey`) in the evidence
 * object store. A URL that could not be fetched is a link too, with no object (`preserved` false). The object is
 * written before this row, under its final key: a crash between the two leaves an object without a row, which
 * EvidenceSweeper deletes; never a row without its object.
 */
@Entity('dispute_evidence')
@Index('dispute_evidence_evidence_id', ['evidenceId'], { unique: true })
export class DisputeEvidenceEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id', primaryKeyConstraintName: 'PK_dispute_evidence' })
  disputeId!: string;

  /** The link's position in the dispute's chain, shared with its events and messages. */
  @PrimaryColumn('integer', { name: 'chain_seq', primaryKeyConstraintName: 'PK_dispute_evidence' })
  chainSeq!: number;

  @Column('uuid', { name: 'evidence_id' })
  evidenceId!: string;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** The `evidence.added` payload as published. */
  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  @Column('text')
  hash!: string;

  @Column('boolean')
  preserved!: boolean;

  @Column('text', { name: 'object_key', nullable: true })
  objectKey!: string | null;

  @Column('text', { name: 'thumbnail_key', nullable: true })
  thumbnailKey!: string | null;

  /** Bytes stored (the object's; 0 for an unpreserved URL), summed for the dispute's total. */
  @Column('bigint', { name: 'stored_bytes', transformer: { to: (value: number) => value, from: Number } })
  storedBytes!: number;
}
