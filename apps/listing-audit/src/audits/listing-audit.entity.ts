import type { AuditTrigger, AuditVerdict } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Finding } from '../rules/types';

/** Every audit of a listing version: the findings in force from `auditedAt` on. */
@Entity('listing_audits')
@Index('listing_audits_history', ['listingId', 'auditedAt', 'id'])
@Index('listing_audits_seller', ['sellerId', 'listingId', 'auditedAt', 'id'])
export class ListingAuditEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'listing_audits_pkey' })
  id!: string;

  @Column({ name: 'listing_id', type: 'text' })
  listingId!: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId!: string;

  @Column({ name: 'listing_version', type: 'integer' })
  listingVersion!: number;

  @Column({ type: 'text' })
  trigger!: AuditTrigger;

  @Column({ type: 'text' })
  verdict!: AuditVerdict;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'jsonb' })
  findings!: Finding[];

  /** The dispute that asked for a DISPUTE_FEEDBACK re-audit. */
  @Column({ name: 'dispute_id', type: 'uuid', nullable: true })
  disputeId!: string | null;

  @Column({ name: 'audited_at', type: 'timestamptz' })
  auditedAt!: Date;
}
