import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DEADLINE_KINDS,
  IN_FAVOUR_OF,
  PROPOSAL_BY,
  PROPOSAL_TYPES,
  REFUNDING_OUTCOMES,
  TRACKING_STATUSES,
  REFUNDING_PROPOSAL_TYPES,
  REQUESTED_RESOLUTIONS,
  RESOLUTION_BY,
  RESOLUTION_OUTCOMES,
  RULING_OUTCOMES,
  RulingOutcome,
  type DeadlineKind,
  type InFavourOf,
  type ProposalBy,
  type ProposalType,
  type RequestedResolution,
  type ResolutionBy,
  type ResolutionOutcome,
  type TrackingStatus,
} from '../enums';
import {
  IsCountryCode,
  IsExternalId,
  IsSettleId,
  IsText,
  IsUtcInstant,
  Nested,
  NestedArray,
  PresenceDependsOn,
  type Presence,
} from '../validation';
import { CitationDto } from './common.dto';
import { MoneyDto } from './money.dto';

const refundPresence = (type: string): Presence =>
  (REFUNDING_PROPOSAL_TYPES as readonly string[]).includes(type) ? 'required' : 'forbidden';

/** What the buyer asks for when opening: a refund (up to what was paid), with or without returning the item. */
export class RequestedDto {
  @IsIn(REQUESTED_RESOLUTIONS)
  type!: RequestedResolution;

  @Nested(() => MoneyDto)
  refund!: MoneyDto;
}

/**
 * The terms of a proposal as its sender states them. `proposalId` is minted by the sender, so a retried
 * command names the same proposal. A refund is required for REFUND_ONLY and RETURN_AND_REFUND, absent otherwise.
 */
export class ProposalTermsDto {
  @IsSettleId()
  proposalId!: string;

  @IsIn(PROPOSAL_TYPES)
  type!: ProposalType;

  @PresenceDependsOn<ProposalTermsDto>(
    (proposal) => refundPresence(proposal.type),
    (proposal) => `type is ${String(proposal.type)}`,
  )
  @Nested(() => MoneyDto)
  refund?: MoneyDto;

  /** After this instant the proposal can no longer be accepted. */
  @IsOptional()
  @IsUtcInstant()
  expiresAt?: string;
}

/** A proposal as recorded on the dispute: its terms, who made it and when. */
export class ProposalDto extends ProposalTermsDto {
  @IsIn(PROPOSAL_BY)
  by!: ProposalBy;

  @IsUtcInstant()
  submittedAt!: string;

  /** 1 for the buyer's opening ask; each buyer modification starts the next round; counters share the round. */
  @IsOptional()
  @IsInt()
  @Min(1)
  round?: number;
}

/**
 * The order as it stood when the dispute was opened. Shipment fields are absent when the seller never
 * shipped (a SELLER_REFUSED_SALE dispute).
 */
export class OrderSnapshotDto {
  @Nested(() => MoneyDto)
  amount!: MoneyDto;

  @IsUtcInstant()
  paidAt!: string;

  @IsOptional()
  @IsUtcInstant()
  shippedAt?: string;

  @IsInt()
  @Min(0)
  @Max(365)
  promisedDeliveryDays!: number;

  @IsOptional()
  @IsText(100)
  carrier?: string;

  @IsOptional()
  @IsText(100)
  trackingNumber?: string;

  @IsOptional()
  @IsUtcInstant()
  deliveredAt?: string;

  @IsCountryCode()
  buyerCountry!: string;

  @IsCountryCode()
  sellerCountry!: string;

  /** The latest carrier status known when the dispute was opened. */
  @IsOptional()
  @IsIn(TRACKING_STATUSES)
  trackingStatus?: TrackingStatus;

  @IsOptional()
  @IsExternalId()
  skuId?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;
}

/**
 * A staff decision as staff state it. A refund is required for PARTIAL_REFUND, absent for SELLER_FAVOUR, and
 * optional otherwise (absent means the full amount paid).
 */
export class RulingDecisionDto {
  @IsSettleId()
  rulingId!: string;

  @IsIn(RULING_OUTCOMES)
  outcome!: RulingOutcome;

  @PresenceDependsOn<RulingDecisionDto>(
    (ruling) =>
      ruling.outcome === RulingOutcome.PARTIAL_REFUND
        ? 'required'
        : ruling.outcome === RulingOutcome.SELLER_FAVOUR
          ? 'forbidden'
          : 'optional',
    (ruling) => `outcome is ${String(ruling.outcome)}`,
  )
  @Nested(() => MoneyDto)
  refund?: MoneyDto;

  @IsText(10_000)
  rationale!: string;

  /** What the ruling rests on: at least one item (evidence, message, audit finding, policy rule or tracking). */
  @NestedArray(() => CitationDto, { min: 1, max: 100 })
  citations!: CitationDto[];
}

/** A ruling as recorded: the decision, who made it and when. */
export class RulingDto extends RulingDecisionDto {
  /** The staff member's id. */
  @IsExternalId()
  ruledBy!: string;

  @IsUtcInstant()
  ruledAt!: string;
}

/**
 * How a dispute ended: the agreed proposal's type or the ruling's outcome, the refund when the buyer is paid back
 * (absent when nothing is refunded), what decided it and whom it favours.
 */
export class ResolutionDto {
  @IsIn(RESOLUTION_OUTCOMES)
  outcome!: ResolutionOutcome;

  @PresenceDependsOn<ResolutionDto>(
    (resolution) => (REFUNDING_OUTCOMES.includes(resolution.outcome) ? 'required' : 'forbidden'),
    (resolution) => `outcome is ${String(resolution.outcome)}`,
  )
  @Nested(() => MoneyDto)
  refund?: MoneyDto;

  @IsIn(RESOLUTION_BY)
  by!: ResolutionBy;

  @IsIn(IN_FAVOUR_OF)
  inFavourOf!: InFavourOf;

  /** The accepted proposal, when the outcome came from one (AGREEMENT, AUTO). */
  @IsOptional()
  @IsSettleId()
  proposalId?: string;

  /** The ruling, when by RULING. */
  @IsOptional()
  @IsSettleId()
  rulingId?: string;
}

/**
 * A deadline running on the dispute. Every lifecycle event carries the full set running after it, so the timer
 * can reconcile from any single event. `dueAt` while running; `remainingMs` (what was left) while paused.
 */
export class ActiveDeadlineDto {
  @IsIn(DEADLINE_KINDS)
  kind!: DeadlineKind;

  @PresenceDependsOn<ActiveDeadlineDto>(
    (deadline) => (deadline.remainingMs === undefined ? 'required' : 'forbidden'),
    () => 'remainingMs is absent (a running deadline has a dueAt, a paused one a remainingMs)',
  )
  @IsUtcInstant()
  dueAt?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  remainingMs?: number;
}
