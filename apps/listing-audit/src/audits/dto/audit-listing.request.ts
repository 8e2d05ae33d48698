import { ApiPropertyOptional } from '@nestjs/swagger';
import { LISTING_STATUSES, ListingDto, type ListingStatus } from '@settle/contracts';
import { IsIn, IsOptional } from 'class-validator';

/** `POST /v1/listing-audits`: a listing (docs/CONTRACT.md's Listing), and whether buyers can order it now. */
export class AuditListingRequest extends ListingDto {
  @ApiPropertyOptional({ enum: LISTING_STATUSES, enumName: 'ListingStatus', default: 'ACTIVE' })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

export const AUDIT_LISTING_EXAMPLE = {
  listingId: 'L-TASSEL-7',
  sellerId: 'S-1',
  category: 'jewellery/pendants',
  title: 'Tassel pendant, blue silk thread, 8 cm, lot of 10',
  description: 'Hand-made tassel pendants of blue silk thread, 8 cm long. Lot of 10.',
  images: [{ url: 'https://img.example.com/tassel-blue.jpg' }],
  attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
  saleUnit: { type: 'LOT', piecesPerLot: 10 },
  skus: [
    { skuId: 'SKU-BLUE', attributes: { colour: 'blue' }, price: { amountMinor: 999, currency: 'USD' }, stock: 200 },
  ],
  shipping: {
    fee: { amountMinor: 0, currency: 'USD' },
    processingDays: 3,
    promisedDeliveryDays: 20,
    shipsFrom: 'CN',
    shipsTo: ['FR', 'US'],
  },
};
