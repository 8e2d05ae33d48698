import type { Dispute } from '@settle/dispute-lifecycle';
import type { DisputeOpenedPayload } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The current state of one dispute: what its events fold to (`state`), kept beside them so reads and commands
 * need not replay. One open dispute per order: a partial unique index over the non-terminal ones.
 */
@Entity('disputes')
@Index('disputes_one_open_per_order', ['orderId'], {
  unique: true,
  where: `status NOT IN ('RESOLVED', 'CANCELLED')`,
})
@Index('disputes_seller', ['sellerId', 'id'])
@Index('disputes_seller_status', ['sellerId', 'status', 'id'])
@Index('disputes_status', ['status', 'id'])
@Index('disputes_order', ['orderId', 'id'])
export class DisputeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'buyer_id' })
  buyerId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text')
  status!: string;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** The lifecycle state (`replay(history)`). */
  @Column('jsonb')
  state!: Dispute;

  /** The `dispute.opened` payload as published: evidence ids, locale, description, listing at purchase. */
  @Column('jsonb')
  opened!: DisputeOpenedPayload;
}
