import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPUTE_REASONS, DISPUTE_STATUSES, IN_FAVOUR_OF, MoneyDto, RESOLUTION_OUTCOMES } from '@settle/contracts';
import type { BuyerOrder } from '../orders.repository';
import { Segment, type Rfm } from '../rfm';

export class ContextOrderView implements Omit<BuyerOrder, 'buyerId' | 'sellerId'> {
  @ApiProperty()
  orderId!: string;

  @ApiProperty()
  listingId!: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ format: 'date-time' })
  paidAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  shippedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

export class ContextDisputeView {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty()
  orderId!: string;

  @ApiProperty({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  reason!: string;

  @ApiProperty()
  subReason!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, enumName: 'DisputeStatus' })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, enum: [...new Set(RESOLUTION_OUTCOMES)], enumName: 'ResolutionOutcome', nullable: true })
  outcome!: string | null;

  @ApiPropertyOptional({ enum: IN_FAVOUR_OF, enumName: 'InFavourOf' })
  inFavourOf?: string;

  @ApiProperty({ type: MoneyDto, nullable: true })
  refund!: MoneyDto | null;
}

export class RfmScoresView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  recency!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  frequency!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  monetary!: number;
}

/** Recency, frequency and monetary value of the buyer with this seller (`Rfm`). */
export class RfmView implements Rfm {
  @ApiProperty({ type: 'integer', nullable: true })
  recencyDays!: number | null;

  @ApiProperty({ type: 'integer' })
  frequency!: number;

  @ApiProperty({ type: [MoneyDto], description: 'What the buyer paid this seller, per currency' })
  monetary!: MoneyDto[];

  @ApiProperty({ type: RfmScoresView, description: '1 (low) to 5 (high) each' })
  scores!: RfmScoresView;

  @ApiProperty({ enum: Object.values(Segment), enumName: 'RfmSegment' })
  segment!: Segment;

  @ApiProperty({ type: [String], description: 'Signals worth a look' })
  flags!: string[];

  @ApiProperty({ type: Number, nullable: true })
  disputeRate!: number | null;
}

/** The buyer's history with this seller only. */
export class CaseContextResponse {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty()
  buyerId!: string;

  @ApiProperty({ type: [ContextOrderView] })
  orders!: ContextOrderView[];

  @ApiProperty({ type: [ContextDisputeView] })
  disputes!: ContextDisputeView[];

  @ApiProperty({ type: [MoneyDto], description: 'Per currency, never converted' })
  totalPaid!: MoneyDto[];

  @ApiProperty({ type: RfmView })
  rfm!: RfmView;
}
