import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message posted on a dispute (`message.posted` from negotiation), as a link of the dispute's hash chain: the
 * chain holds the dispute's events and its messages in the order they reached the dispute's owner (docs/DOMAIN.md,
 * "Tamper-evident history"). `data` is the payload as published; `eventId` the envelope's id.
 */
@Entity('dispute_messages')
@Index('dispute_messages_message_id', ['messageId'], { unique: true })
export class DisputeMessageEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id', primaryKeyConstraintName: 'PK_dispute_messages' })
  disputeId!: string;

  /** The link's position in the dispute's chain, shared with its events (dispute_events.chain_seq). */
  @PrimaryColumn('integer', { name: 'chain_seq', primaryKeyConstraintName: 'PK_dispute_messages' })
  chainSeq!: number;

  @Column('uuid', { name: 'message_id' })
  messageId!: string;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  @Column('text')
  hash!: string;
}
