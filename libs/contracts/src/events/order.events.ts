import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DELIVERY_PROOF_KINDS, TRACKING_STATUSES, type DeliveryProofKind, type TrackingStatus } from '../enums';
import { MoneyDto } from '../shared/money.dto';
import { IsCountryCode, IsExternalId, IsHttpUrl, IsLocaleTag, IsText, IsUtcInstant, Nested } from '../validation';

/*
 * Events of settle.orders.events.v1, keyed by orderId: the marketplace's orders as Settle learns of them (signed
 * inbound webhook, or the platform's own producer). dispute-intake checks the opening window against them.
 */

export class OrderPaidPayload {
  @IsExternalId()
  orderId!: string;

  @IsExternalId()
  buyerId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  skuId!: string;

  /** Sale units bought (pieces, or lots for a listing sold by the lot). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  /** What the buyer paid in all, shipping included: the ceiling of any refund. */
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @IsUtcInstant()
  paidAt!: string;

  @IsCountryCode()
  buyerCountry!: string;

  @IsCountryCode()
  sellerCountry!: string;

  @IsInt()
  @Min(0)
  @Max(365)
  promisedDeliveryDays!: number;

  @IsOptional()
  @IsLocaleTag()
  buyerLocale?: string;
}

export class OrderShippedPayload {
  @IsExternalId()
  orderId!: string;

  @IsText(100)
  carrier!: string;

  @IsText(100)
  trackingNumber!: string;

  @IsUtcInstant()
  shippedAt!: string;
}

/** What backs a delivery: a NOT_RECEIVED dispute against a delivery with proof usually goes the seller's way. */
export class DeliveryProofDto {
  @IsIn(DELIVERY_PROOF_KINDS)
  kind!: DeliveryProofKind;

  @IsOptional()
  @IsHttpUrl()
  url?: string;

  /** The carrier's reference for the proof (scan id, signatory name). */
  @IsOptional()
  @IsText(500)
  reference?: string;
}

export class OrderDeliveredPayload {
  @IsExternalId()
  orderId!: string;

  @IsUtcInstant()
  deliveredAt!: string;

  @IsOptional()
  @Nested(() => DeliveryProofDto)
  proof?: DeliveryProofDto;
}

/** A carrier scan. CUSTOMS_HELD pauses the NOT_RECEIVED clocks by itself. */
export class TrackingUpdatedPayload {
  @IsExternalId()
  orderId!: string;

  @IsText(100)
  carrier!: string;

  @IsText(100)
  trackingNumber!: string;

  @IsIn(TRACKING_STATUSES)
  status!: TrackingStatus;

  /** When the carrier recorded it. */
  @IsUtcInstant()
  at!: string;

  /** Free text as the carrier gives it ("Shenzhen sorting centre"). */
  @IsOptional()
  @IsText(300)
  location?: string;

  @IsOptional()
  @IsCountryCode()
  country?: string;

  @IsOptional()
  @IsText(1000)
  description?: string;
}
