import type { SupplyIncidentCause } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A supply incident declared on a listing (issue 19), as negotiation announced it on the listing topic: while it is
 * open (closedAt null) every audit of the listing carries the SUPPLY_INCIDENT_ACTIVE finding.
 */
@Entity('supply_incidents')
@Index('supply_incidents_listing', ['listingId', 'openedAt'])
export class SupplyIncidentEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid', primaryKeyConstraintName: 'supply_incidents_pkey' })
  incidentId!: string;

  @Column({ name: 'listing_id', type: 'text' })
  listingId!: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId!: string;

  /** The SKUs that cannot ship; empty: the whole listing. */
  @Column({ name: 'sku_ids', type: 'jsonb' })
  skuIds!: string[];

  @Column({ type: 'text' })
  cause!: SupplyIncidentCause;

  @Column({ name: 'expected_restock_at', type: 'timestamptz', nullable: true })
  expectedRestockAt!: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
