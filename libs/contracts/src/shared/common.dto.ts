import { IsIn, IsOptional } from 'class-validator';
import {
  ACTOR_ROLES,
  CITATION_KINDS,
  EVIDENCE_KINDS,
  type ActorRole,
  type CitationKind,
  type EvidenceKind,
} from '../enums';
import { IsExternalId, IsHttpUrl, IsSettleId, IsSha256Hex, IsText, IsUtcInstant } from '../validation';

/** Who did something: a buyer or seller (their marketplace id), staff (staff id), the platform or the system. */
export class ActorDto {
  @IsIn(ACTOR_ROLES)
  role!: ActorRole;

  /** The buyer's or seller's marketplace id, the staff member's id, or a service name for PLATFORM/SYSTEM. */
  @IsExternalId()
  id!: string;
}

/** A piece of evidence as a party submits it. */
export class EvidenceDto {
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @IsHttpUrl()
  url!: string;

  @IsOptional()
  @IsSha256Hex()
  sha256?: string;
}

/** Evidence as Settle records it: with an id a ruling can cite (`{ kind: EVIDENCE, ref: evidenceId }`). */
export class EvidenceItemDto extends EvidenceDto {
  @IsSettleId()
  evidenceId!: string;

  @IsOptional()
  @IsUtcInstant()
  addedAt?: string;
}

/** What a ruling (or a predicted ruling) rests on. `ref` is the cited item's id or, for POLICY_RULE, the rule id. */
export class CitationDto {
  @IsIn(CITATION_KINDS)
  kind!: CitationKind;

  @IsText(200)
  ref!: string;

  @IsOptional()
  @IsText(1000)
  note?: string;
}
