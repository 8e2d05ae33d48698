import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_TRIGGERS, AUDIT_VERDICTS, FINDING_SEVERITIES, ListingDto } from '@settle/contracts';

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
