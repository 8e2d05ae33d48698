import type { DomainEvent } from '@settle/dispute-lifecycle';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One event of a dispute's history, as published (`data` is the contract payload), with the lifecycle event it
 * came from and its link in the hash chain: `hash` = SHA-256 over the entry and the previous entry's hash. The
 * chain also holds the dispute's messages (dispute_messages), so a link's place in it is `chainSeq`, which is the
 * dispute's `version` only while no message came between its events.
 */
@Entity('dispute_events')
@Index('dispute_events_event_id', ['eventId'], { unique: true })
@Index('dispute_events_chain', ['disputeId', 'chainSeq'], { unique: true })
@Index('dispute_events_seller', ['sellerId', 'occurredAt'])
export class DisputeEventEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('uuid', { name: 'event_id' })
  eventId!: string;

  @Column('text')
  type!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('jsonb')
  data!: Record<string, unknown>;

  @Column('jsonb')
  domain!: DomainEvent;

  /** The link's position in the dispute's hash chain (events and messages): 1, 2, 3... */
  @Column('integer', { name: 'chain_seq' })
  chainSeq!: number;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  @Column('text')
  hash!: string;
}
