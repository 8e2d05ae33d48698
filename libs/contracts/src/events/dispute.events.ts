import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';
import {
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  ESCALATION_CAUSES,
  REJECTION_CATEGORIES,
  RETURN_CONDITIONS,
  SELLER_RESPONSE_ACTIONS,
  SellerResponseAction,
  isSubReasonOf,
  type DisputeReason,
  type DisputeStatus,
  type EscalationCause,
  type RejectionCategory,
  type ReturnCondition,
} from '../enums';
import { ActorDto, EvidenceItemDto } from '../shared/common.dto';
import { DeadlineAdjustmentDto } from '../shared/deadline.dto';
import {
  ActiveDeadlineDto,
  OrderSnapshotDto,
  ProposalDto,
  RequestedDto,
  ResolutionDto,
  RulingDto,
} from '../shared/dispute.dto';
import { AuditResultDto, ListingDto } from '../shared/listing.dto';
import { MoneyDto } from '../shared/money.dto';
import {
  IsExternalId,
  IsLocaleTag,
  IsSettleId,
  IsSubReasonOf,
  IsText,
  IsUtcInstant,
  Nested,
  NestedArray,
  PresenceDependsOn,
} from '../validation';

/*
 * Events of settle.disputes.events.v1, published only by the dispute's owner (dispute-intake), keyed by
 * disputeId. Every lifecycle event carries the dispute's new `status` and `version`, so a consumer's projection
 * needs nothing but events; a consumer that sees a version gap knows it missed one.
 */

/** What every lifecycle event carries. */
export abstract class DisputeTransitionPayload {
  @IsSettleId()
  disputeId!: string;

  /** The status after this event. */
  @IsIn(DISPUTE_STATUSES)
  status!: DisputeStatus;

  /** The status before it (equal to `status` for an event that does not move the lifecycle). */
  @IsIn(DISPUTE_STATUSES)
  previousStatus!: DisputeStatus;

  /** The dispute's version after this event: 1 for dispute.opened, one more for each event after. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsUtcInstant()
  occurredAt!: string;

  /** Who caused it: a party, staff, or SYSTEM for a deadline. */
  @Nested(() => ActorDto)
  actor!: ActorDto;

  /** The command this event applied, so its sender can match the outcome to its request. */
  @IsOptional()
  @IsSettleId()
  commandId?: string;

  /** Every deadline running after this event (empty when none). */
  @NestedArray(() => ActiveDeadlineDto, { max: 20 })
  deadlines!: ActiveDeadlineDto[];
}

/** The listing as the buyer saw it when paying, and the audit in force then (the listing as evidence). */
export class ListingAtPurchaseDto {
  @Nested(() => ListingDto)
  listing!: ListingDto;

  @IsOptional()
  @IsInt()
  @Min(1)
  listingVersion?: number;

  @IsOptional()
  @Nested(() => AuditResultDto)
  audit?: AuditResultDto;
}

/** A dispute was opened: the whole dispute, so every consumer can build its projection from this event alone. */
export class DisputeOpenedPayload {
  @IsSettleId()
  disputeId!: string;

  @IsExternalId()
  orderId!: string;

  @IsExternalId()
  buyerId!: string;

  @IsExternalId()
  sellerId!: string;

  @IsExternalId()
  listingId!: string;

  @IsIn(DISPUTE_REASONS)
  reason!: DisputeReason;

  @IsSubReasonOf('reason', isSubReasonOf)
  subReason!: string;

  @Nested(() => RequestedDto)
  requested!: RequestedDto;

  @IsText(10_000)
  description!: string;

  @NestedArray(() => EvidenceItemDto, { max: 50 })
  evidence!: EvidenceItemDto[];

  @IsLocaleTag()
  buyerLocale!: string;

  @Nested(() => OrderSnapshotDto)
  order!: OrderSnapshotDto;

  /** The buyer's opening proposal (the request as a proposal): what the seller accepts or counters. */
  @Nested(() => ProposalDto)
  proposal!: ProposalDto;

  @IsOptional()
  @Nested(() => ListingAtPurchaseDto)
  listingAtPurchase?: ListingAtPurchaseDto;

  @IsUtcInstant()
  openedAt!: string;

  @IsIn(DISPUTE_STATUSES)
  status!: DisputeStatus;

  @IsInt()
  @Min(1)
  version!: number;

  /** Who opened it: the buyer (through the platform key). */
  @Nested(() => ActorDto)
  actor!: ActorDto;

  /** The deadlines running from the opening (seller response, platform intervention). */
  @NestedArray(() => ActiveDeadlineDto, { max: 20 })
  deadlines!: ActiveDeadlineDto[];
}

/** The seller answered: accepted the buyer's proposal, or rejected it with a counter-proposal and a message. */
export class DisputeSellerRespondedPayload extends DisputeTransitionPayload {
  @IsIn(SELLER_RESPONSE_ACTIONS)
  action!: SellerResponseAction;

  /** The buyer's proposal the seller accepted (ACCEPT only). */
  @PresenceDependsOn<DisputeSellerRespondedPayload>(
    (event) => (event.action === SellerResponseAction.ACCEPT ? 'optional' : 'forbidden'),
    (event) => `action is ${String(event.action)}`,
  )
  @IsSettleId()
  acceptedProposalId?: string;

  @PresenceDependsOn<DisputeSellerRespondedPayload>(
    (event) => (event.action === SellerResponseAction.REJECT ? 'required' : 'forbidden'),
    (event) => `action is ${String(event.action)}`,
  )
  @Nested(() => ProposalDto)
  counterProposal?: ProposalDto;

  @PresenceDependsOn<DisputeSellerRespondedPayload>(
    (event) => (event.action === SellerResponseAction.REJECT ? 'required' : 'optional'),
    (event) => `action is ${String(event.action)}`,
  )
  @IsText(10_000)
  message?: string;

  /** The seller-response deadline the answer was measured against, and whether it came in time (seller metrics). */
  @IsOptional()
  @IsUtcInstant()
  responseDueAt?: string;

  @IsOptional()
  @IsBoolean()
  withinDeadline?: boolean;
}

/** A party submitted a new or modified proposal (a buyer's modification restarts the seller's clock). */
export class DisputeProposalSubmittedPayload extends DisputeTransitionPayload {
  @Nested(() => ProposalDto)
  proposal!: ProposalDto;

  /** The same party's earlier proposal this one replaces. */
  @IsOptional()
  @IsSettleId()
  supersedesProposalId?: string;

  /** True when a buyer's modified proposal sends the dispute back to the seller and restarts the seller clock. */
  @IsOptional()
  @IsBoolean()
  sellerClockRestarted?: boolean;
}

/** The parties agreed on `proposal` (accepted by the other party, or by the seller at once). */
export class DisputeAgreedPayload extends DisputeTransitionPayload {
  @Nested(() => ProposalDto)
  proposal!: ProposalDto;
}

/** The seller's response deadline passed: the buyer's proposal was accepted as asked. */
export class DisputeAutoAcceptedPayload extends DisputeTransitionPayload {
  @Nested(() => ProposalDto)
  proposal!: ProposalDto;

  @IsSettleId()
  deadlineId!: string;
}

/** The dispute went to staff. */
export class DisputeEscalatedPayload extends DisputeTransitionPayload {
  @IsIn(ESCALATION_CAUSES)
  cause!: EscalationCause;

  /** The intervention deadline that fired (INTERVENTION_DEADLINE only). */
  @IsOptional()
  @IsSettleId()
  deadlineId?: string;

  @IsOptional()
  @IsText(10_000)
  note?: string;
}

/** Staff ruled; the ruling cites what it rests on. */
export class DisputeRuledPayload extends DisputeTransitionPayload {
  @Nested(() => RulingDto)
  ruling!: RulingDto;

  /** escalation-timer's case id, when the ruling came through its queue. */
  @IsOptional()
  @IsSettleId()
  escalationId?: string;
}

/** The buyer must send the item back; the refund follows the seller's receipt (or the receipt deadline). */
export class DisputeReturnRequestedPayload extends DisputeTransitionPayload {
  /** Refunded to the buyer once the return is received. */
  @Nested(() => MoneyDto)
  refund!: MoneyDto;

  /** The agreed proposal that asked for the return (absent when a ruling did). */
  @IsOptional()
  @IsSettleId()
  proposalId?: string;

  @IsOptional()
  @IsSettleId()
  rulingId?: string;
}

export class DisputeReturnShippedPayload extends DisputeTransitionPayload {
  @IsText(100)
  carrier!: string;

  @IsText(100)
  trackingNumber!: string;

  @IsUtcInstant()
  shippedAt!: string;
}

/** The seller received the return; anything but AS_EXPECTED escalates. */
export class DisputeReturnReceivedPayload extends DisputeTransitionPayload {
  @IsIn(RETURN_CONDITIONS)
  condition!: ReturnCondition;

  @IsOptional()
  @IsText(10_000)
  note?: string;

  @IsOptional()
  @NestedArray(() => EvidenceItemDto, { max: 50 })
  evidence?: EvidenceItemDto[];

  @IsUtcInstant()
  receivedAt!: string;
}

/** Final: what happens to money and goods, and what decided it. */
export class DisputeResolvedPayload extends DisputeTransitionPayload {
  @Nested(() => ResolutionDto)
  resolution!: ResolutionDto;
}

/** The buyer withdrew the dispute (through the platform), or staff closed it. */
export class DisputeCancelledPayload extends DisputeTransitionPayload {
  @IsOptional()
  @IsText(2000)
  reason?: string;
}

/** A staff or automatic change to a deadline, recorded in the dispute's history and told to both parties. */
export class DisputeDeadlineAdjustedPayload extends DisputeTransitionPayload {
  @Nested(() => DeadlineAdjustmentDto)
  adjustment!: DeadlineAdjustmentDto;
}

export class FieldErrorDto {
  @IsText(300)
  field!: string;

  @IsText(2000)
  message!: string;
}

/**
 * The owner refused a command: nothing changed and the version did not move. `type` is the rule
 * (UPPER_SNAKE_CASE: @settle/dispute-lifecycle's REJECTIONS, or INVALID_COMMAND), `category` how a transport maps
 * it (see RejectionCategory). `status` and `version` are the dispute's current ones, absent when no such dispute
 * exists.
 */
export class DisputeCommandRejectedPayload {
  /** The dispute the command named (as sent; it may not exist). */
  @IsText(128)
  disputeId!: string;

  /** As sent, so even a malformed command's sender can match the refusal (absent only if it carried none). */
  @IsOptional()
  @IsText(128)
  commandId?: string;

  @IsText(100)
  commandType!: string;

  @IsIn(REJECTION_CATEGORIES)
  category!: RejectionCategory;

  @Matches(/^[A-Z][A-Z0-9_]{0,99}$/, { message: '$property must be an UPPER_SNAKE_CASE rule code' })
  type!: string;

  @IsText(2000)
  detail!: string;

  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @IsOptional()
  @Nested(() => ActorDto)
  actor?: ActorDto;

  /** For an INVALID command: the fields that failed. */
  @IsOptional()
  @NestedArray(() => FieldErrorDto, { max: 100 })
  errors?: FieldErrorDto[];

  @IsUtcInstant()
  occurredAt!: string;
}
