import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { FINDING_SEVERITIES } from '@settle/contracts';
import { ApiProblems } from '@settle/platform';
import { ruleCatalogue } from './engine';
import type { RuleDefinition } from './types';

class RuleView {
  @ApiProperty({ example: 'SALE_UNIT_PRICE_MISMATCH' })
  id!: string;

  @ApiProperty({ example: 'sale-unit' })
  family!: string;

  @ApiProperty({ enum: FINDING_SEVERITIES, enumName: 'FindingSeverity' })
  severity!: string;

  @ApiProperty({ example: 'saleUnit' })
  field!: string;

  @ApiProperty()
  summary!: string;

  @ApiProperty()
  fix!: string;
}

class RuleCatalogueView {
  @ApiProperty({ type: [RuleView] })
  items!: RuleView[];
}

@ApiTags('rules')
@ApiBearerAuth()
@Controller('v1/rules')
export class RulesController {
  @Get()
  @ApiOperation({ summary: 'The rule catalogue: id, severity, the field each rule points at, and its fix' })
  @ApiOkResponse({ type: RuleCatalogueView })
  @ApiProblems(401)
  list(): { items: RuleDefinition[] } {
    return { items: ruleCatalogue() };
  }
}
