import { IsIn, IsOptional } from 'class-validator';
import {
  DEADLINE_ADJUSTMENTS,
  DEADLINE_KINDS,
  DEADLINE_REASON_CODES,
  DeadlineAdjustment,
  type DeadlineKind,
  type DeadlineReasonCode,
} from '../enums';
import { IsSettleId, IsText, IsUtcInstant, PresenceDependsOn } from '../validation';

/**
 * A deadline moved by staff (or by the system on a customs hold), with its reason code, shown to both parties.
 * `dueAt` is the new due instant: required for EXTEND and RESUME, absent for PAUSE.
 */
export class DeadlineAdjustmentDto {
  @IsSettleId()
  deadlineId!: string;

  @IsIn(DEADLINE_KINDS)
  kind!: DeadlineKind;

  @IsIn(DEADLINE_ADJUSTMENTS)
  action!: DeadlineAdjustment;

  @IsIn(DEADLINE_REASON_CODES)
  reasonCode!: DeadlineReasonCode;

  @IsOptional()
  @IsText(2000)
  note?: string;

  @IsOptional()
  @IsUtcInstant()
  previousDueAt?: string;

  @PresenceDependsOn<DeadlineAdjustmentDto>(
    (adjustment) => (adjustment.action === DeadlineAdjustment.PAUSE ? 'forbidden' : 'required'),
    (adjustment) => `action is ${String(adjustment.action)}`,
  )
  @IsUtcInstant()
  dueAt?: string;
}
