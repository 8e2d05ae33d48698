import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { PredictionService } from './prediction.service';

@ApiTags('predicted ruling')
@ApiBearerAuth()
@Controller('v1/disputes/:disputeId/predicted-ruling')
export class PredictionController {
  constructor(private readonly predictions: PredictionService) {}

  @Get()
  @Roles('seller', 'staff', 'lead', 'platform')
  @ApiOperation({
    summary:
      'The predicted platform ruling: outcome, confidence, the facts behind it as citations, a suggested resolution',
  })
  @ApiResponse({ status: 404, description: 'No such dispute (or another seller’s)' })
  get(@Param('disputeId') disputeId: string, @CurrentPrincipal() principal: Principal) {
    return this.predictions.forDispute(disputeId, principal);
  }
}
