import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Roles, SettleIdPipe, type Principal } from '@settle/platform';
import { CaseContextService } from './case-context.service';
import { CaseContextResponse } from './dto/case-context.response';

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
  @ApiOkResponse({ type: CaseContextResponse })
  @ApiProblems(401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Dispute')) id: string) {
    return this.context.contextOf(principal, id);
  }
}
