import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEADLINE_ADJUSTMENTS,
  DEADLINE_KINDS,
  DEADLINE_REASON_CODES,
  type DeadlineReasonCode,
} from '@settle/contracts';
import type { AdjustmentRecord } from '../deadline-rules';
import type { DeadlineView } from '../deadlines.service';

/** One pause, resume or extension of a deadline, with its reason code (`AdjustmentRecord`). */
export class DeadlineAdjustmentView implements AdjustmentRecord {
  @ApiProperty({ enum: DEADLINE_ADJUSTMENTS, enumName: 'DeadlineAdjustment' })
  action!: AdjustmentRecord['action'];

  @ApiProperty({ enum: DEADLINE_REASON_CODES, enumName: 'DeadlineReasonCode' })
  reasonCode!: DeadlineReasonCode;

  @ApiPropertyOptional()
  note?: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'The staff member, or escalation-timer for a customs hold seen on tracking' })
  by!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  previousDueAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  dueAt?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'What was left when paused' })
  remainingMs?: number;
}

/** A deadline of a dispute (`DeadlineView`). */
export class DeadlineResponse implements DeadlineView {
  @ApiProperty({ format: 'uuid' })
  deadlineId!: string;

  @ApiProperty({ enum: DEADLINE_KINDS, enumName: 'DeadlineKind' })
  kind!: string;

  @ApiProperty({ example: 'SELLER', description: 'Whose move it awaits: BUYER, SELLER, BOTH or STAFF' })
  party!: string;

  @ApiProperty({ example: 'PENDING', description: 'PENDING, PAUSED, FIRED or CANCELLED' })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while paused' })
  dueAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'What is left, while paused' })
  remainingMs!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  remindedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  scheduledAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  firedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  replacesDeadlineId!: string | null;

  @ApiProperty({ type: [DeadlineAdjustmentView] })
  adjustments!: DeadlineAdjustmentView[];
}

export class DeadlineListResponse {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ type: [DeadlineResponse] })
  items!: DeadlineResponse[];
}

export class EscalationRequestedResponse {
  @ApiProperty({ format: 'uuid' })
  disputeId!: string;

  @ApiProperty({ format: 'uuid', description: 'The escalate command sent to the dispute’s owner' })
  commandId!: string;

  @ApiProperty({ enum: ['ESCALATION_REQUESTED'] })
  status!: 'ESCALATION_REQUESTED';
}
