import type { AuditResultDto } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every audit of a listing (`listing.audited`): its findings are in force from `auditedAt`. */
@Entity('listing_audits')
@Index('listing_audits_in_force', ['listingId', 'auditedAt'])
export class ListingAuditEntity {
  @PrimaryColumn('uuid', { name: 'audit_id' })
  auditId!: string;

  @Column('text', { name: 'listing_id' })
  listingId!: string;

  @Column('integer', { name: 'listing_version', nullable: true })
  listingVersion!: number | null;

  @Column('timestamptz', { name: 'audited_at' })
  auditedAt!: Date;

  @Column('jsonb')
  result!: AuditResultDto;
}
