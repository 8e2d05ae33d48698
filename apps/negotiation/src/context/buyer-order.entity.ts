import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An order as order events tell it: what the seller's case context counts (this seller's orders only). */
@Entity({ name: 'buyer_orders' })
@Index('buyer_orders_seller_buyer', ['sellerId', 'buyerId'])
@Index('buyer_orders_listing', ['listingId'])
export class BuyerOrderEntity {
  @PrimaryColumn('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'buyer_id' })
  buyerId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text', { name: 'sku_id', nullable: true })
  skuId!: string | null;

  @Column('text', { name: 'buyer_locale', nullable: true })
  buyerLocale!: string | null;

  @Column('bigint', { name: 'amount_minor' })
  amountMinor!: string;

  @Column('text')
  currency!: string;

  @Column('timestamptz', { name: 'paid_at' })
  paidAt!: Date;

  @Column('timestamptz', { name: 'shipped_at', nullable: true })
  shippedAt!: Date | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;
}
