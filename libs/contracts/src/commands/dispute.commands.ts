import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { ActorRole, EscalationCause, RETURN_CONDITIONS, type ReturnCondition } from '../enums';
import { ActorDto, EvidenceItemDto } from '../shared/common.dto';
import { DeadlineAdjustmentDto } from '../shared/deadline.dto';
import { ProposalTermsDto, RulingDecisionDto } from '../shared/dispute.dto';
import { ActorRoleIn, IsSettleId, IsText, IsUtcInstant, Nested, NestedArray, PresenceDependsOn } from '../validation';

/*
 * Commands on settle.disputes.commands.v1, keyed by disputeId (docs/ARCHITECTURE.md rule 1): negotiation and
 * escalation-timer ask the dispute's owner (dispute-intake) for a change; the owner applies it with the shared
 * state machine, answering with the resulting events (which carry `commandId`), or refuses it with
 * dispute.command_rejected. Type names: see CommandType in message-types.ts.
 */

/** Restricts the roles a command's actor may have (a seller cannot send a buyer's command). */
function ActorRoles(...roles: ActorRole[]): ClassDecorator {
  return (target) => {
    ActorRoleIn(roles)(target.prototype as object, 'actor');
  };
}

/** What every command carries. Each command narrows the roles its actor may have. */
export abstract class DisputeCommandPayload {
  /** Minted by the sender (UUIDv7) and reused on retry: the owner applies a command id once. */
  @IsSettleId()
  commandId!: string;

  @IsSettleId()
  disputeId!: string;

  /** The dispute version the sender saw; a command based on an older version is refused (STALE_VERSION). */
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Nested(() => ActorDto)
  actor!: ActorDto;

  @IsUtcInstant()
  issuedAt!: string;
}

/** The seller accepts the buyer's current proposal. */
@ActorRoles(ActorRole.SELLER)
export class SellerAcceptCommand extends DisputeCommandPayload {
  /** The buyer proposal the seller saw; absent means the buyer's current one. */
  @IsOptional()
  @IsSettleId()
  proposalId?: string;

  @IsOptional()
  @IsText(10_000)
  message?: string;
}

/** The seller rejects with a counter-proposal and a message. */
@ActorRoles(ActorRole.SELLER)
export class SellerRejectCommand extends DisputeCommandPayload {
  @Nested(() => ProposalTermsDto)
  proposal!: ProposalTermsDto;

  @IsText(10_000)
  message!: string;
}

/** A party submits a new or modified proposal (a buyer's modification restarts the seller's clock). */
@ActorRoles(ActorRole.BUYER, ActorRole.SELLER)
export class SubmitProposalCommand extends DisputeCommandPayload {
  @Nested(() => ProposalTermsDto)
  proposal!: ProposalTermsDto;

  @IsOptional()
  @IsSettleId()
  supersedesProposalId?: string;
}

/** A party accepts the other party's proposal (refused once it has expired). */
@ActorRoles(ActorRole.BUYER, ActorRole.SELLER)
export class AcceptProposalCommand extends DisputeCommandPayload {
  @IsSettleId()
  proposalId!: string;
}

export const COMMAND_ESCALATION_CAUSES: readonly EscalationCause[] = [
  EscalationCause.BUYER_REQUEST,
  EscalationCause.INTERVENTION_DEADLINE,
];

/** Escalate to staff: the buyer asks (window-checked by the owner), or the intervention deadline passed (SYSTEM). */
@ActorRoles(ActorRole.BUYER, ActorRole.SYSTEM)
export class EscalateCommand extends DisputeCommandPayload {
  @IsIn(COMMAND_ESCALATION_CAUSES)
  cause!: EscalationCause;

  @PresenceDependsOn<EscalateCommand>(
    (command) => (command.cause === EscalationCause.INTERVENTION_DEADLINE ? 'required' : 'forbidden'),
    (command) => `cause is ${String(command.cause)}`,
  )
  @IsSettleId()
  deadlineId?: string;

  @IsOptional()
  @IsText(10_000)
  note?: string;
}

/** The seller's response deadline passed: accept the buyer's proposal as asked. */
@ActorRoles(ActorRole.SYSTEM)
export class AutoAcceptCommand extends DisputeCommandPayload {
  @IsSettleId()
  deadlineId!: string;

  /** The buyer proposal the deadline ran for. */
  @IsSettleId()
  proposalId!: string;
}

/** The buyer shipped the return. */
@ActorRoles(ActorRole.BUYER)
export class MarkReturnShippedCommand extends DisputeCommandPayload {
  @IsText(100)
  carrier!: string;

  @IsText(100)
  trackingNumber!: string;

  @IsUtcInstant()
  shippedAt!: string;
}

/** The seller received the return, in `condition` (anything but AS_EXPECTED escalates). */
@ActorRoles(ActorRole.SELLER)
export class MarkReturnReceivedCommand extends DisputeCommandPayload {
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

/** The return-shipment deadline passed without a shipment: resolve in the seller's favour (funds released). */
@ActorRoles(ActorRole.SYSTEM)
export class ExpireReturnShipmentCommand extends DisputeCommandPayload {
  @IsSettleId()
  deadlineId!: string;
}

/** The return-receipt deadline passed without the seller confirming: refund the buyer automatically. */
@ActorRoles(ActorRole.SYSTEM)
export class ExpireReturnReceiptCommand extends DisputeCommandPayload {
  @IsSettleId()
  deadlineId!: string;
}

/** Staff (who claimed the case, or a lead) record a ruling; `actor.id` is the staff member. */
@ActorRoles(ActorRole.STAFF)
export class RecordRulingCommand extends DisputeCommandPayload {
  @Nested(() => RulingDecisionDto)
  ruling!: RulingDecisionDto;

  @IsOptional()
  @IsSettleId()
  escalationId?: string;
}

/** The buyer withdraws (through the platform), or staff close the dispute. */
@ActorRoles(ActorRole.BUYER, ActorRole.PLATFORM, ActorRole.STAFF)
export class CancelCommand extends DisputeCommandPayload {
  @IsOptional()
  @IsText(2000)
  reason?: string;
}

/**
 * escalation-timer records a deadline pause, resumption or extension on the dispute (staff action, or SYSTEM on a
 * customs hold), so it enters the dispute's history and both parties hear of it (dispute.deadline_adjusted).
 */
@ActorRoles(ActorRole.STAFF, ActorRole.SYSTEM)
export class RecordDeadlineAdjustmentCommand extends DisputeCommandPayload {
  @Nested(() => DeadlineAdjustmentDto)
  adjustment!: DeadlineAdjustmentDto;
}
