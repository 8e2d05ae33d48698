import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Roles, SettleIdPipe, type Principal } from '@settle/platform';
import { DisputePredictionResponse } from './dto/predicted-ruling.response';
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
  @ApiOkResponse({ type: DisputePredictionResponse })
  @ApiProblems(401, 403, [404, 'No such dispute (or another seller’s)'])
  get(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DisputePredictionResponse> {
    return this.predictions.forDispute(disputeId, principal);
  }
}
