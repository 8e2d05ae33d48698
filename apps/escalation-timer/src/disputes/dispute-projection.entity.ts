import type { DisputeOpenedPayload, ResolutionDto } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the timer knows of a dispute, folded from the owner's events (docs/ARCHITECTURE.md rule 5). */
@Entity('dispute_projections')
@Index('dispute_projections_seller', ['sellerId', 'openedAt'])
@Index('dispute_projections_order', ['orderId'])
export class DisputeProjectionEntity {
  @PrimaryColumn('uuid', { name: 'dispute_id' })
  disputeId!: string;

  @Column('text', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'buyer_id' })
  buyerId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'sub_reason' })
  subReason!: string;

  @Column('text')
  status!: string;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('uuid', { name: 'buyer_proposal_id', nullable: true })
  buyerProposalId!: string | null;

  @Column('timestamptz', { name: 'seller_first_responded_at', nullable: true })
  sellerFirstRespondedAt!: Date | null;

  @Column('boolean', { name: 'seller_responded_within', nullable: true })
  sellerRespondedWithin!: boolean | null;

  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  resolution!: ResolutionDto | null;

  /** The dispute.opened payload: order snapshot, evidence, listing and audit at purchase. */
  @Column('jsonb')
  opened!: DisputeOpenedPayload;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
