import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_TRIGGERS, AUDIT_VERDICTS, FINDING_SEVERITIES, ListingDto, SALE_UNIT_TYPES } from '@settle/contracts';

export class FindingView {
  @ApiProperty({ example: 'SALE_UNIT_PRICE_MISMATCH' })
  ruleId!: string;

  @ApiProperty({ enum: FINDING_SEVERITIES, enumName: 'FindingSeverity' })
  severity!: string;

  @ApiProperty({ example: 'saleUnit', description: 'A path into the listing: title, images.0, attributes.material' })
  field!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'What the seller can do about it' })
  fix!: string;
}

export class AuditView {
  @ApiProperty({ format: 'uuid' })
  auditId!: string;

  @ApiProperty()
  listingId!: string;

  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ description: 'The listing version audited' })
  listingVersion!: number;

  @ApiProperty({ enum: AUDIT_TRIGGERS, enumName: 'AuditTrigger' })
  trigger!: string;

  @ApiProperty({ enum: AUDIT_VERDICTS, enumName: 'AuditVerdict' })
  verdict!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  score!: number;

  @ApiProperty({ type: [FindingView] })
  findings!: FindingView[];

  @ApiProperty({ format: 'date-time' })
  auditedAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The dispute that asked for a DISPUTE_FEEDBACK re-audit' })
  disputeId?: string;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditView] })
  items!: AuditView[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class ListingAtInstantView {
  @ApiProperty()
  listingId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty()
  listingVersion!: number;

  @ApiProperty({ format: 'date-time', description: 'From when buyers saw this version' })
  validFrom!: string;

  @ApiProperty({ type: ListingDto, description: 'The listing as it was (docs/CONTRACT.md Listing)' })
  listing!: ListingDto;

  @ApiProperty({ type: AuditView, nullable: true, description: 'The audit in force at that instant' })
  audit!: AuditView | null;
}

export class SaleUnitView {
  @ApiProperty({ enum: SALE_UNIT_TYPES, enumName: 'SaleUnitType' })
  type!: string;

  @ApiPropertyOptional({ type: 'integer' })
  piecesPerLot?: number;
}

/** A seller's listing at a glance: its latest version and its latest audit (`ListingSummary`). */
export class ListingSummaryView {
  @ApiProperty()
  listingId!: string;

  @ApiProperty({ type: 'integer', description: 'The latest version Settle holds' })
  listingVersion!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: SaleUnitView })
  saleUnit!: SaleUnitView;

  @ApiProperty({ format: 'date-time', description: 'From when buyers saw the latest version' })
  validFrom!: string;

  @ApiProperty({ description: 'The latest audit blocks, or disputes asked for it' })
  flagged!: boolean;

  @ApiProperty({ type: String, enum: ['AUDIT_BLOCK', 'DISPUTE_FEEDBACK'], nullable: true })
  flaggedBy!: 'AUDIT_BLOCK' | 'DISPUTE_FEEDBACK' | null;

  @ApiProperty({ type: AuditView, nullable: true, description: 'The latest audit (null before the first)' })
  audit!: AuditView | null;
}

export class ListingSummaryPage {
  @ApiProperty({ type: [ListingSummaryView] })
  items!: ListingSummaryView[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page' })
  nextCursor!: string | null;
}
