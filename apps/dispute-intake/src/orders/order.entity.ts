import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * The order projection, from `settle.orders.events.v1`: what dispute-intake knows of an order when a dispute is
 * opened without a snapshot, and the shipped orders seller metrics divide by. Fields fill in as events arrive.
 */
@Entity('orders')
@Index('orders_seller_incident_offer', ['sellerId', 'incidentOfferedAt'])
export class OrderEntity {
  @PrimaryColumn('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'buyer_id', nullable: true })
  buyerId!: string | null;

  @Column('text', { name: 'seller_id', nullable: true })
  sellerId!: string | null;

  @Column('text', { name: 'listing_id', nullable: true })
  listingId!: string | null;

  @Column('text', { name: 'sku_id', nullable: true })
  skuId!: string | null;

  @Column('integer', { nullable: true })
  quantity!: number | null;

  @Column('bigint', { name: 'amount_minor', nullable: true, transformer: bigintAsNumber })
  amountMinor!: number | null;

  @Column('text', { nullable: true })
  currency!: string | null;

  @Column('timestamptz', { name: 'paid_at', nullable: true })
  paidAt!: Date | null;

  @Column('text', { name: 'buyer_country', nullable: true })
  buyerCountry!: string | null;

  @Column('text', { name: 'seller_country', nullable: true })
  sellerCountry!: string | null;

  @Column('integer', { name: 'promised_delivery_days', nullable: true })
  promisedDeliveryDays!: number | null;

  @Column('text', { name: 'buyer_locale', nullable: true })
  buyerLocale!: string | null;

  @Column('timestamptz', { name: 'shipped_at', nullable: true })
  shippedAt!: Date | null;

  @Column('text', { nullable: true })
  carrier!: string | null;

  @Column('text', { name: 'tracking_number', nullable: true })
  trackingNumber!: string | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @Column('text', { name: 'tracking_status', nullable: true })
  trackingStatus!: string | null;

  @Column('timestamptz', { name: 'tracking_at', nullable: true })
  trackingAt!: Date | null;

  /** The supply incident that reached the order (its first `order.refund_offered`, issue 19): seller metrics. */
  @Column('uuid', { name: 'incident_id', nullable: true })
  incidentId!: string | null;

  @Column('timestamptz', { name: 'incident_offered_at', nullable: true })
  incidentOfferedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
