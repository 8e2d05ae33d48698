import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@settle/platform';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class AuditHistoryQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'An instant (RFC 3339 UTC): answer with the listing version and the audit in force then',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an RFC 3339 instant' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/, { message: 'at must be a UTC instant ending in Z' })
  at?: string;
}
