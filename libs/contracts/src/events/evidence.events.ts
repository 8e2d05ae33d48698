import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { EVIDENCE_KINDS, type EvidenceKind } from '../enums';
import { ActorDto } from '../shared/common.dto';
import { IsHttpUrl, IsSettleId, IsSha256Hex, IsText, IsUtcInstant, Nested } from '../validation';

/* Evidence events of settle.disputes.events.v1, published by dispute-intake, keyed by disputeId. */

/** The file types evidence may be stored as, decided by the bytes (never by a name or a declared type). */
export const EVIDENCE_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'video/mp4',
] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

/** How a piece of evidence came in: a file uploaded to Settle, or a URL Settle fetched once to keep its bytes. */
export const EVIDENCE_SOURCES = ['UPLOAD', 'URL'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** A stored image's thumbnail (WebP). */
export class EvidenceThumbnailDto {
  @IsIn(['image/webp'])
  contentType!: 'image/webp';

  @IsInt()
  @Min(1)
  size!: number;

  @IsSha256Hex()
  sha256!: string;
}

/**
 * A piece of evidence was added to a dispute: its bytes are in Settle's object store (`preserved`: true) and
 * `sha256` is the digest of the stored bytes, so the dispute's hash chain proves what the file showed. A URL that
 * could not be fetched is recorded all the same (`preserved`: false, no digest), never dropped.
 */
export class EvidenceAddedPayload {
  @IsSettleId()
  evidenceId!: string;

  @IsSettleId()
  disputeId!: string;

  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @IsIn(EVIDENCE_SOURCES)
  source!: EvidenceSource;

  /** The URL the evidence was named by (source URL). */
  @ValidateIf((payload: EvidenceAddedPayload) => payload.source === 'URL' || payload.url !== undefined)
  @IsHttpUrl()
  url?: string;

  @IsBoolean()
  preserved!: boolean;

  @ValidateIf((payload: EvidenceAddedPayload) => payload.preserved || payload.contentType !== undefined)
  @IsIn(EVIDENCE_CONTENT_TYPES)
  contentType?: EvidenceContentType;

  @ValidateIf((payload: EvidenceAddedPayload) => payload.preserved || payload.size !== undefined)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size?: number;

  @ValidateIf((payload: EvidenceAddedPayload) => payload.preserved || payload.sha256 !== undefined)
  @IsSha256Hex()
  sha256?: string;

  @IsOptional()
  @Nested(() => EvidenceThumbnailDto)
  thumbnail?: EvidenceThumbnailDto;

  /** Why a URL was not preserved (not fetched, refused by the outbound guard, too large, not an allowed type). */
  @IsOptional()
  @IsText(500)
  unpreservedReason?: string;

  @IsOptional()
  @IsText(2000)
  note?: string;

  @Nested(() => ActorDto)
  addedBy!: ActorDto;

  @IsUtcInstant()
  addedAt!: string;
}
