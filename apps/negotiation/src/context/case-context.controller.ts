import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { CaseContextService } from './case-context.service';

@ApiTags('case context')
@ApiBearerAuth()
@Controller('v1')
export class CaseContextController {
  constructor(private readonly context: CaseContextService) {}

  @Get('disputes/:id/context')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({
    summary: 'The buyer’s history with this seller only: orders, disputes and outcomes, total paid, RFM segment',
  })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.context.contextOf(principal, id);
  }
}
