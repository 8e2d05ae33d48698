import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SUPPLY_INCIDENT_CAUSES,
  SUPPLY_REMEDIES,
  type SupplyIncidentCause,
  type SupplyRemedy,
} from '@settle/contracts';
import { IsExternalId, IsUtcInstant } from '@settle/contracts/validation';
import { PageQuery } from '@settle/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, ValidateIf } from 'class-validator';

export class DeclareIncidentBody {
  @ApiProperty({ example: 'L-X36' })
  @IsExternalId()
  listingId!: string;

  @ApiPropertyOptional({ example: ['SKU-EU'], description: 'The SKUs that cannot ship; absent or empty: all of them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsExternalId({ each: true })
  skuIds?: string[];

  @ApiProperty({ enum: SUPPLY_INCIDENT_CAUSES, enumName: 'SupplyIncidentCause' })
  @IsIn(SUPPLY_INCIDENT_CAUSES, { message: 'cause must be one of: $constraint1' })
  cause!: SupplyIncidentCause;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z', description: 'Expected restock; must be in the future' })
  @IsOptional()
  @IsUtcInstant()
  expectedRestockAt?: string;

  @ApiPropertyOptional({ enum: SUPPLY_REMEDIES, enumName: 'SupplyRemedy', default: 'FULL_REFUND' })
  @IsOptional()
  @IsIn(SUPPLY_REMEDIES, { message: 'remedy must be one of: $constraint1' })
  remedy?: SupplyRemedy;

  @ApiPropertyOptional({ description: 'For WAIT_UNTIL: the date buyers are asked to wait until' })
  @IsOptional()
  @IsUtcInstant()
  waitUntil?: string;
}

export class UpdateIncidentBody {
  @ApiProperty({
    nullable: true,
    example: '2026-04-15T00:00:00Z',
    description: 'The new expected restock; null: unknown',
  })
  @ValidateIf((_, value) => value !== null)
  @IsUtcInstant()
  expectedRestockAt!: string | null;
}

export class IncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Staff and platform: one seller’s incidents' })
  @IsOptional()
  @IsExternalId()
  sellerId?: string;
}
