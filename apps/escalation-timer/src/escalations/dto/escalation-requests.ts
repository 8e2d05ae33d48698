import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CitationDto, MoneyDto, RULING_OUTCOMES, type RulingOutcome } from '@settle/contracts';
import { PageQuery } from '@settle/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray, NestedObject } from '@settle/contracts/validation';

export const QUEUE_STATUSES = ['OPEN', 'CLAIMED', 'RULED', 'CLOSED'] as const;

export class EscalationQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, enumName: 'EscalationStatus' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: (typeof QUEUE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only cases past (true) or within (false) their ruling SLA' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class MetricsQuery {
  @ApiPropertyOptional({ example: '30d', description: 'Escalations opened in the last N days' })
  @IsOptional()
  @Matches(/^([1-9]\d{0,2})d$/, { message: 'window must be a number of days such as 30d' })
  window: string = '30d';
}

export class ClaimRequest {
  @ApiPropertyOptional({ description: 'Leads only: the staff member the case goes to (default: the caller)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  assignTo?: string;
}

export class RulingRequest {
  @ApiProperty({ enum: RULING_OUTCOMES, enumName: 'RulingOutcome' })
  @IsIn(RULING_OUTCOMES)
  outcome!: RulingOutcome;

  @ApiPropertyOptional({
    description: 'Required for PARTIAL_REFUND, absent for SELLER_FAVOUR; default the amount paid',
  })
  @IsOptional()
  @NestedObject(() => MoneyDto)
  refund?: MoneyDto;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  rationale!: string;

  @ApiProperty({
    type: [CitationDto],
    description: 'What the ruling rests on: evidence, messages, audit findings, policy rules, tracking',
  })
  @NestedArray(() => CitationDto, { min: 1, max: 100 })
  citations!: CitationDto[];
}
