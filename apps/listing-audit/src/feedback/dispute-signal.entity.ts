import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A NOT_AS_DESCRIBED dispute opened on a listing: what the feedback loop counts and reads. */
@Entity('dispute_signals')
@Index('dispute_signals_listing', ['listingId', 'openedAt'])
export class DisputeSignalEntity {
  @PrimaryColumn({ name: 'dispute_id', type: 'uuid', primaryKeyConstraintName: 'dispute_signals_pkey' })
  disputeId!: string;

  @Column({ name: 'listing_id', type: 'text' })
  listingId!: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId!: string;

  @Column({ name: 'sub_reason', type: 'text' })
  subReason!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;
}
