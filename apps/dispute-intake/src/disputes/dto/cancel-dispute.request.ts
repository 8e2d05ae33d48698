import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsText } from '@settle/contracts/validation';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `POST /v1/disputes/{id}/cancel`: the buyer withdraws (through the platform). */
export class CancelDisputeRequest {
  @ApiPropertyOptional({ example: 'Parcel arrived after all.' })
  @IsOptional()
  @IsText(2000)
  reason?: string;

  /** The version the buyer saw; a cancel based on an older one is refused (409 STALE_VERSION). Default: current. */
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
