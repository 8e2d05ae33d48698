import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  AUDIT_TRIGGERS,
  AUDIT_VERDICTS,
  FLAG_REASONS,
  LISTING_STATUSES,
  type AuditTrigger,
  type AuditVerdict,
  type FlagReason,
  type ListingStatus,
} from '../enums';
import { AuditFindingDto, AuditResultDto, ListingDto } from '../shared/listing.dto';
import { IsExternalId, IsSettleId, IsUtcInstant, NestedArray } from '../validation';

/* Events of settle.listings.events.v1, keyed by listingId. */

/** A listing was created or changed (from the marketplace): the whole listing, as docs/CONTRACT.md's Listing. */
export class ListingUpsertedPayload extends ListingDto {
  /** When the marketplace changed it; absent means the envelope's `time`. */
  @IsOptional()
  @IsUtcInstant()
  updatedAt?: string;

  /** The marketplace's version of the listing, when it keeps one; listing-audit numbers versions otherwise. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  /** Absent means ACTIVE. */
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

/** listing-audit audited a listing version. */
export class ListingAuditedPayload extends AuditResultDto {
  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsIn(AUDIT_TRIGGERS)
  trigger!: AuditTrigger;

  /** The listing version audited. */
  @IsOptional()
  @IsInt()
  @Min(1)
  listingVersion?: number;

  /** The dispute that asked for this re-audit (DISPUTE_FEEDBACK). */
  @IsOptional()
  @IsSettleId()
  disputeId?: string;
}

/** A listing needs the seller's attention: its audit blocked or warned, or disputes point at it. */
export class ListingFlaggedPayload {
  @IsExternalId()
  listingId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsIn(FLAG_REASONS)
  reason!: FlagReason;

  @IsIn(AUDIT_VERDICTS)
  verdict!: AuditVerdict;

  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  /** For DISPUTE_FEEDBACK, the findings name the attribute buyers complain about where they can. */
  @NestedArray(() => AuditFindingDto, { max: 500 })
  findings!: AuditFindingDto[];

  @IsOptional()
  @IsSettleId()
  auditId?: string;

  /** The disputes behind a DISPUTE_FEEDBACK flag. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsSettleId({ each: true })
  disputeIds?: string[];

  @IsUtcInstant()
  flaggedAt!: string;
}
