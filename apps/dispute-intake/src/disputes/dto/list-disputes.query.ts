import { ApiPropertyOptional } from '@nestjs/swagger';
import { DISPUTE_STATUSES, type DisputeStatus } from '@settle/contracts';
import { IsExternalId } from '@settle/contracts/validation';
import { PageQuery } from '@settle/platform';
import { IsIn, IsOptional } from 'class-validator';

/** `GET /v1/disputes?status=&sellerId=&orderId=&limit=&cursor=` (a seller sees its own only). */
export class ListDisputesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES, enumName: 'DisputeStatus' })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsExternalId()
  sellerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsExternalId()
  orderId?: string;
}
