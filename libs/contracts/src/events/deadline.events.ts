import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import {
  DEADLINE_KINDS,
  DEADLINE_PARTIES,
  OPEN_ACTIONS,
  type DeadlineKind,
  type DeadlineParty,
  type OpenAction,
} from '../enums';
import { COMMAND_TYPES, type CommandType } from '../message-types';
import { IsSettleId, IsUtcInstant, PresenceDependsOn } from '../validation';

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

/** Sent to the party before the deadline, with the exact `dueAt` and the actions still open. */
export class DeadlineReminderPayload extends DeadlinePayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsIn(OPEN_ACTIONS, { each: true })
  openActions!: OpenAction[];

  @IsUtcInstant()
  remindedAt!: string;
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
