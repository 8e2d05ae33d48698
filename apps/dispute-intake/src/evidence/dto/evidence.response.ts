import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto, EVIDENCE_CONTENT_TYPES, EVIDENCE_KINDS, EVIDENCE_SOURCES } from '@settle/contracts';
import type { EvidenceView } from '../evidence.view';

/** A piece of evidence recorded on a dispute (an upload, or a URL Settle fetched to keep). */
export class EvidenceItemResponse implements EvidenceView {
  @ApiProperty({ format: 'uuid' })
  evidenceId!: string;

  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind' })
  kind!: EvidenceView['kind'];

  @ApiProperty({ enum: EVIDENCE_SOURCES, enumName: 'EvidenceSource' })
  source!: EvidenceView['source'];

  @ApiPropertyOptional({ description: 'The URL the evidence was named by (source URL)' })
  url?: string;

  @ApiProperty({ description: 'Whether Settle holds the bytes (false: a URL that could not be fetched)' })
  preserved!: boolean;

  @ApiPropertyOptional({ enum: EVIDENCE_CONTENT_TYPES, description: 'Decided by the content, never by a name' })
  contentType?: string;

  @ApiPropertyOptional({ description: 'Bytes stored' })
  size?: number;

  @ApiPropertyOptional({ description: 'SHA-256 (hex) of the stored bytes, as in the dispute’s hash chain' })
  sha256?: string;

  @ApiPropertyOptional()
  note?: string;

  @ApiPropertyOptional()
  unpreservedReason?: string;

  @ApiProperty({ type: ActorDto })
  addedBy!: ActorDto;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;

  @ApiPropertyOptional({ example: '/v1/evidence/0193…' })
  href?: string;

  @ApiPropertyOptional({ example: '/v1/evidence/0193…/thumbnail', description: 'Images only' })
  thumbnailHref?: string;
}

export class EvidenceUploadResponse {
  @ApiProperty({ type: [EvidenceItemResponse] })
  items!: EvidenceItemResponse[];
}

export class EvidenceChecklistItemResponse {
  @ApiProperty({ example: 'SELLER_PROOF_OF_POSTING' })
  id!: string;

  @ApiProperty({ enum: ['BUYER', 'SELLER'] })
  party!: 'BUYER' | 'SELLER';

  @ApiProperty({ enum: EVIDENCE_KINDS, isArray: true, description: 'Evidence of any of these kinds satisfies it' })
  kinds!: string[];

  @ApiProperty()
  description!: string;

  @ApiProperty()
  provided!: boolean;

  @ApiProperty({ type: [String], description: 'The party’s evidence that satisfies it' })
  evidenceIds!: string[];
}

/** What each party is expected to provide for the dispute's reason and sub-reason, provided and missing. */
export class EvidenceChecklistResponse {
  @ApiProperty({ type: [EvidenceChecklistItemResponse] })
  items!: EvidenceChecklistItemResponse[];

  @ApiProperty({ type: [String], description: 'Ids of the requirements nobody has met yet' })
  missing!: string[];
}
