import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest carrier facts per order (tracking.updated, order.delivered): escalation rule and predicted ruling. */
@Entity('order_tracking')
export class OrderTrackingEntity {
  @PrimaryColumn('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { nullable: true })
  status!: string | null;

  @Column('timestamptz', { name: 'status_at', nullable: true })
  statusAt!: Date | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt!: Date | null;

  @Column('jsonb', { nullable: true })
  proof!: { kind: string; url?: string; reference?: string } | null;

  @Column('text', { nullable: true })
  carrier!: string | null;

  @Column('text', { name: 'tracking_number', nullable: true })
  trackingNumber!: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
