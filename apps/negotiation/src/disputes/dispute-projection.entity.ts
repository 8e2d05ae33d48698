import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** negotiation's view of a dispute, built from dispute events only (docs/ARCHITECTURE.md rule 5). */
@Entity({ name: 'dispute_projection' })
@Index('dispute_projection_seller_buyer', ['sellerId', 'buyerId'])
export class DisputeProjectionEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'buyer_id' })
  buyerId!: string;

  @Column('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'sub_reason' })
  subReason!: string;

  @Column('text', { name: 'buyer_locale' })
  buyerLocale!: string;

  @Column('text')
  status!: string;

  @Column('integer')
  version!: number;

  @Column('jsonb')
  requested!: unknown;

  @Column('jsonb', { name: 'order_snapshot' })
  orderSnapshot!: unknown;

  @Column('jsonb')
  proposals!: unknown;

  @Column('jsonb')
  deadlines!: unknown;

  @Column('jsonb', { nullable: true })
  resolution!: unknown;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
