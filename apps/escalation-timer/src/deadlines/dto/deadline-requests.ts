import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEADLINE_REASON_CODES, type DeadlineReasonCode } from '@settle/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

class AdjustmentRequest {
  @ApiProperty({ enum: DEADLINE_REASON_CODES, enumName: 'DeadlineReasonCode' })
  @IsIn(DEADLINE_REASON_CODES)
  reasonCode!: DeadlineReasonCode;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Shown to both parties' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

/** `{ by | until, reasonCode, note }`: exactly one of `by` (ISO-8601 duration) and `until` (RFC 3339 UTC). */
export class ExtendDeadlineRequest extends AdjustmentRequest {
  @ApiPropertyOptional({ example: 'P2D', description: 'ISO-8601 duration added to the due time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  by?: string;

  @ApiPropertyOptional({ example: '2025-03-21T09:00:00Z', description: 'The new due instant (UTC)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, { message: 'until must be an RFC 3339 UTC instant' })
  until?: string;
}

export class PauseDeadlineRequest extends AdjustmentRequest {}

export class ResumeDeadlineRequest extends AdjustmentRequest {}

export class EscalateRequest {
  @ApiPropertyOptional({ maxLength: 10_000, description: 'Why the buyer escalates' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  note?: string;
}
