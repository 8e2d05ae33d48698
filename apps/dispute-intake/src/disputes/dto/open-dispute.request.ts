import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPUTE_REASONS, EvidenceDto, OrderSnapshotDto, RequestedDto, type DisputeReason } from '@settle/contracts';
import { IsExternalId, IsLocaleTag, IsText, Nested, NestedArray } from '@settle/contracts/validation';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /v1/disputes` (docs/CONTRACT.md, dispute-intake). Unknown fields are refused (400). */
export class OpenDisputeRequest {
  @ApiProperty({ example: 'ORD-1001' })
  @IsExternalId()
  orderId!: string;

  @ApiProperty({ example: 'B-42' })
  @IsExternalId()
  buyerId!: string;

  @ApiProperty({ example: 'S-1' })
  @IsExternalId()
  sellerId!: string;

  @ApiProperty({ example: 'L-TASSEL-1' })
  @IsExternalId()
  listingId!: string;

  @ApiProperty({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  @IsIn(DISPUTE_REASONS)
  reason!: DisputeReason;

  /** Checked against the reason by the service (rule INVALID_SUB_REASON), so the refusal names the pair. */
  @ApiProperty({ example: 'QUANTITY_SHORT', description: 'One of the sub-reasons of `reason` (docs/DOMAIN.md)' })
  @IsString()
  @MaxLength(100)
  subReason!: string;

  @ApiProperty({
    description: 'REFUND_ONLY or RETURN_AND_REFUND, with the refund asked (at most what was paid, in its currency)',
    example: { type: 'RETURN_AND_REFUND', refund: { amountMinor: 999, currency: 'USD' } },
  })
  @Nested(() => RequestedDto)
  requested!: RequestedDto;

  @ApiProperty({ example: 'The lot had 6 pendants, not 10.' })
  @IsText(10_000)
  description!: string;

  @ApiPropertyOptional({
    type: [EvidenceDto],
    description:
      'PHOTO, VIDEO, DOCUMENT or TRACKING with an http(s) URL; at least one non-TRACKING for NOT_AS_DESCRIBED',
    example: [{ kind: 'PHOTO', url: 'https://img.example.com/lot.jpg' }],
  })
  @IsOptional()
  @NestedArray(() => EvidenceDto, { max: 50 })
  evidence?: EvidenceDto[];

  @ApiProperty({ example: 'fr-FR' })
  @IsLocaleTag()
  buyerLocale!: string;

  @ApiPropertyOptional({
    description: 'The order snapshot; absent when the order is known from order events',
    example: {
      amount: { amountMinor: 999, currency: 'USD' },
      paidAt: '2025-03-01T08:00:00Z',
      shippedAt: '2025-03-02T10:00:00Z',
      promisedDeliveryDays: 20,
      carrier: 'China Post',
      trackingNumber: 'RR123456789CN',
      buyerCountry: 'FR',
      sellerCountry: 'CN',
    },
  })
  @IsOptional()
  @Nested(() => OrderSnapshotDto)
  order?: OrderSnapshotDto;
}
