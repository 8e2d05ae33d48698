import type { SupplyIncidentCause, SupplyRemedy } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A supply incident declared on a listing (issue 19), from negotiation's listing.supply_incident_* events: the
 * predicted ruling cites a prompt one as the seller's good faith (docs/DOMAIN.md, "Predicted ruling").
 */
@Entity('supply_incidents')
export class SupplyIncidentEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'supply_incidents_pkey' })
  incidentId!: string;

  @Column({ name: 'listing_id', type: 'text' })
  listingId!: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId!: string;

  @Column({ type: 'text' })
  cause!: SupplyIncidentCause;

  @Column({ type: 'text' })
  remedy!: SupplyRemedy;

  @Column({ name: 'wait_until', type: 'timestamptz', nullable: true })
  waitUntil!: Date | null;

  @Column({ name: 'expected_restock_at', type: 'timestamptz', nullable: true })
  expectedRestockAt!: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** An order an incident reached (order.refund_offered): the incident concerns that order's disputes. */
@Entity('supply_incident_orders')
@Index('supply_incident_orders_order', ['orderId'])
export class SupplyIncidentOrderEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'supply_incident_orders_pkey' })
  incidentId!: string;

  @PrimaryColumn({ name: 'order_id', type: 'text', primaryKeyConstraintName: 'supply_incident_orders_pkey' })
  orderId!: string;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt!: Date;
}
