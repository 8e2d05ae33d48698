import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Messages of a dispute (message.posted), for the staff case view. */
@Entity('dispute_messages')
@Index('dispute_messages_dispute', ['disputeId', 'postedAt'])
export class DisputeMessageEntity {
  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId!: string;

  @Column('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text', { name: 'author_role' })
  authorRole!: string;

  @Column('text', { name: 'author_id' })
  authorId!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz', { name: 'posted_at' })
  postedAt!: Date;
}
