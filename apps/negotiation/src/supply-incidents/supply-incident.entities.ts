import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What listing.upserted told of a listing: who sells it and its SKUs (who may declare an incident on it). */
@Entity({ name: 'supply_listings' })
export class SupplyListingEntity {
  @PrimaryColumn('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'sku_ids', array: true })
  skuIds!: string[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

@Entity({ name: 'supply_incidents' })
@Index('supply_incidents_listing', ['listingId', 'status'])
@Index('supply_incidents_seller', ['sellerId', 'id'])
export class SupplyIncidentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'sku_ids', array: true })
  skuIds!: string[];

  @Column('text')
  cause!: string;

  @Column('timestamptz', { name: 'expected_restock_at', nullable: true })
  expectedRestockAt!: Date | null;

  @Column('text')
  remedy!: string;

  @Column('timestamptz', { name: 'wait_until', nullable: true })
  waitUntil!: Date | null;

  @Column('text')
  status!: string;

  @Column('text', { name: 'declared_by' })
  declaredBy!: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'settled_notified_at', nullable: true })
  settledNotifiedAt!: Date | null;
}

/** An order the incident concerns: one row per (incident, order), inserted with its notice and offer. */
@Entity({ name: 'supply_incident_orders' })
@Index('supply_incident_orders_order', ['orderId'])
export class SupplyIncidentOrderEntity {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'buyer_id' })
  buyerId!: string;

  @Column('text', { name: 'buyer_locale' })
  buyerLocale!: string;

  @Column('bigint', { name: 'amount_minor' })
  amountMinor!: string;

  @Column('text')
  currency!: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt!: Date;

  @Column('timestamptz', { name: 'notice_requested_at', nullable: true })
  noticeRequestedAt!: Date | null;

  @Column('timestamptz', { name: 'refund_offered_at', nullable: true })
  refundOfferedAt!: Date | null;

  @Column('timestamptz', { name: 'dropped_at', nullable: true })
  droppedAt!: Date | null;

  @Column('timestamptz', { name: 'settled_at', nullable: true })
  settledAt!: Date | null;

  @Column('timestamptz', { name: 'refund_accepted_at', nullable: true })
  refundAcceptedAt!: Date | null;
}

/** An open dispute on an affected order: the seller's proposal and message sent, or why the lifecycle refused it. */
@Entity({ name: 'supply_incident_disputes' })
@Index('supply_incident_disputes_dispute', ['disputeId'])
@Index('supply_incident_disputes_command', ['commandId'])
@Index('supply_incident_disputes_pending', ['queuedAt'], { where: `state = 'PENDING'` })
export class SupplyIncidentDisputeEntity {
  @PrimaryColumn('uuid', { name: 'incident_id' })
  incidentId!: string;

  @PrimaryColumn('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  state!: string;

  @Column('uuid', { name: 'command_id', nullable: true })
  commandId!: string | null;

  @Column('text', { nullable: true })
  refusal!: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** What became of the dispute after the proposal: OPEN, AGREED, WITHDRAWN or CLOSED. */
  @Column('text', { default: 'OPEN' })
  outcome!: string;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'proposal_id', nullable: true })
  proposalId!: string | null;

  @Column('uuid', { name: 'message_id', nullable: true })
  messageId!: string | null;

  @Column('timestamptz', { name: 'queued_at', default: () => 'now()' })
  queuedAt!: Date;
}
