import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message on a dispute: append-only (never updated, never deleted). */
@Entity({ name: 'dispute_messages' })
@Index('dispute_messages_dispute', ['disputeId', 'id'])
export class DisputeMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text', { name: 'author_role' })
  authorRole!: string;

  @Column('text', { name: 'author_id' })
  authorId!: string;

  @Column('text')
  body!: string;

  @Column('text', { nullable: true })
  locale!: string | null;

  @Column('jsonb')
  attachments!: unknown;

  @Column('jsonb')
  lint!: unknown;

  @Column('timestamptz', { name: 'posted_at' })
  postedAt!: Date;
}
