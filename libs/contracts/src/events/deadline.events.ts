import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import {
  DEADLINE_KINDS,
  DEADLINE_PARTIES,
  EVIDENCE_KINDS,
  OPEN_ACTIONS,
  type DeadlineKind,
  type DeadlineParty,
  type EvidenceKind,
  type OpenAction,
} from '../enums';
import type { ChecklistItem, ChecklistParty, EvidenceChecklist } from '../evidence-checklist';
import { COMMAND_TYPES, type CommandType } from '../message-types';
import { IsSettleId, IsText, IsUtcInstant, NestedArray, PresenceDependsOn, NestedObject } from '../validation';

/*
 * Events of settle.deadlines.events.v1, published by escalation-timer, keyed by disputeId. A deadline is
 * scheduled from one dispute version (`basedOnVersion`); when the dispute has moved on, it is cancelled, not fired.
 */

abstract class DeadlinePayload {
  @IsSettleId()
  deadlineId!: string;

  @IsSettleId()
  disputeId!: string;

  @IsIn(DEADLINE_KINDS)
  kind!: DeadlineKind;

  /** The exact instant the deadline falls due (after any extension). */
  @IsUtcInstant()
  dueAt!: string;

  /** Who must act before it: the seller (response, receipt), the buyer (return shipment), staff (ruling SLA). */
  @IsIn(DEADLINE_PARTIES)
  party!: DeadlineParty;
}

export class DeadlineScheduledPayload extends DeadlinePayload {
  @IsUtcInstant()
  scheduledAt!: string;

  /** The dispute version this deadline was computed from. */
  @IsInt()
  @Min(1)
  basedOnVersion!: number;

  /** When the reminder goes out (24 h before by default; absent when no reminder is due). */
  @IsOptional()
  @IsUtcInstant()
  remindAt?: string;

  /** The deadline of the same kind this one replaces (the seller clock restarting after a buyer's new proposal). */
  @IsOptional()
  @IsSettleId()
  replacesDeadlineId?: string;
}

/** One requirement of a dispute's evidence checklist (`evidence-checklist.ts`), met or not. */
export class EvidenceChecklistItemDto implements ChecklistItem {
  /** Stable id of the requirement, e.g. `SELLER_PROOF_OF_POSTING`. */
  @IsText(100)
  id!: string;

  @IsIn(['BUYER', 'SELLER'])
  party!: ChecklistParty;

  /** Evidence of any of these kinds, added by the party, satisfies it. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(EVIDENCE_KINDS, { each: true })
  kinds!: EvidenceKind[];

  @IsText(500)
  description!: string;

  @IsBoolean()
  provided!: boolean;

  /** The party's evidence that satisfies it (empty when not provided). */
  @IsArray()
  @ArrayMaxSize(200)
  @IsSettleId({ each: true })
  evidenceIds!: string[];
}

/** A party's part of a dispute's evidence checklist: what it is expected to provide, and which of it is missing. */
export class EvidenceChecklistDto implements EvidenceChecklist {
  @NestedArray(() => EvidenceChecklistItemDto, { max: 20 })
  items!: EvidenceChecklistItemDto[];

  /** The ids of the items not provided yet. */
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(100, { each: true })
  missing!: string[];
}

/** Sent to the party before the deadline, with the exact `dueAt` and the actions still open. */
export class DeadlineReminderPayload extends DeadlinePayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsIn(OPEN_ACTIONS, { each: true })
  openActions!: OpenAction[];

  @IsUtcInstant()
  remindedAt!: string;

  /**
   * For a reminder the seller receives (party SELLER or BOTH): the evidence the seller is expected to provide for
   * the dispute's reason and sub-reason, what it has provided, and what is still `missing` (the seller's part of
   * the checklist in the dispute view). Absent when the sub-reason asks nothing of the seller.
   */
  @IsOptional()
  @NestedObject(() => EvidenceChecklistDto)
  evidenceChecklist?: EvidenceChecklistDto;
}

/**
 * The deadline passed. When it acts on the dispute, `commandId`/`commandType` name the command it sent to the
 * owner (auto-accept, escalate, expire a return window); the staff ruling SLA only flags the case overdue.
 */
export class DeadlinePassedPayload extends DeadlinePayload {
  @IsUtcInstant()
  passedAt!: string;

  @IsInt()
  @Min(1)
  basedOnVersion!: number;

  @IsOptional()
  @IsSettleId()
  commandId?: string;

  @PresenceDependsOn<DeadlinePassedPayload>(
    (event) => (event.commandId === undefined ? 'forbidden' : 'required'),
    () => 'commandId is given',
  )
  @IsIn(COMMAND_TYPES)
  commandType?: CommandType;
}
