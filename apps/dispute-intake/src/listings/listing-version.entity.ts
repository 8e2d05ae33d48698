import type { ListingDto } from '@settle/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every version of a listing the marketplace published (`listing.upserted`), from when it was in force. */
@Entity('listing_versions')
@Index('listing_versions_in_force', ['listingId', 'validFrom'])
export class ListingVersionEntity {
  @PrimaryColumn('text', { name: 'listing_id' })
  listingId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('timestamptz', { name: 'valid_from' })
  validFrom!: Date;

  @Column('jsonb')
  listing!: ListingDto;
}
