import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { AuditedListing } from '../rules/types';

/** Every version of a listing, kept for ever: a dispute shows what the buyer saw when paying. */
@Entity('listing_versions')
@Unique('listing_versions_listing_version', ['listingId', 'version'])
@Index('listing_versions_seller', ['sellerId', 'listingId', 'version'])
@Index('listing_versions_valid_from', ['listingId', 'validFrom'])
// A GIN index on the image URLs (for "the same image on another listing"): SQL only, TypeORM leaves it alone.
@Index('listing_versions_images', { synchronize: false })
export class ListingVersionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'listing_versions_pkey' })
  id!: string;

  @Column({ name: 'listing_id', type: 'text' })
  listingId!: string;

  @Column({ name: 'seller_id', type: 'text' })
  sellerId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  listing!: AuditedListing;

  /** SHA-256 of the listing's canonical JSON: an upsert that changes nothing makes no new version. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  /** From when buyers saw this version (the marketplace's updatedAt, or when it reached Settle). */
  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
