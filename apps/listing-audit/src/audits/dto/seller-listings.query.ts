import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@settle/platform';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class SellerListingsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Whose listings (staff, lead and platform keys); a seller key sees its own' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  sellerId?: string;
}
