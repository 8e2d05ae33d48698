import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  BODY_LIMITS,
  BodyLimit,
  CurrentPrincipal,
  Roles,
  SettleIdPipe,
  type Principal,
} from '@settle/platform';
import { ClaimRequest, EscalationQueueQuery, MetricsQuery, RulingRequest } from './dto/escalation-requests';
import {
  CaseView,
  EscalationMetricsResponse,
  EscalationPage,
  EscalationView,
  RulingSubmittedResponse,
} from './dto/escalation.response';
import { EscalationsService } from './escalations.service';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('v1/escalations')
@Roles('staff', 'lead')
@ApiProblems(401, 403)
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @ApiOperation({ summary: 'The staff queue, ordered by due time; filters status and overdue' })
  @ApiOkResponse({ type: EscalationPage })
  @ApiProblems(400)
  queue(@Query() query: EscalationQueueQuery): Promise<EscalationPage> {
    return this.escalations.queue(query);
  }

  @Get('metrics')
  @ApiOperation({
    summary: 'Time to ruling (p50/p90), overdue share, agreed after escalation: per staff member and overall',
  })
  @ApiOkResponse({ type: EscalationMetricsResponse })
  @ApiProblems(400)
  metrics(@Query() query: MetricsQuery): Promise<EscalationMetricsResponse> {
    return this.escalations.metrics(query.window);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The case: dispute, messages, listing audit at order time, seller metrics, predicted ruling with its reasons',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiProblems([404, 'No such escalation'])
  case(@Param('id', new SettleIdPipe('Escalation')) id: string): Promise<CaseView> {
    return this.escalations.case(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the case (one staff member at a time); a lead may reassign with assignTo' })
  @ApiOkResponse({ type: EscalationView, description: 'The case, claimed' })
  @ApiProblems(
    400,
    [403, 'Not a lead, assigning to someone else'],
    404,
    [409, 'ALREADY_CLAIMED by someone else, or the case is closed'],
    413,
    415,
  )
  claim(
    @Param('id', new SettleIdPipe('Escalation')) id: string,
    @Body() request: ClaimRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EscalationView> {
    return this.escalations.claim(id, request, principal);
  }

  @Post(':id/ruling')
  @BodyLimit(BODY_LIMITS.text)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rule (the claimant or a lead): sent to the dispute’s owner as dispute.command.record_ruling',
  })
  @ApiAcceptedResponse({ type: RulingSubmittedResponse })
  @ApiProblems(
    400,
    [403, 'Neither the claimant nor a lead'],
    404,
    [409, 'The case is closed, or a ruling on it was already sent (RULING_PENDING)'],
    413,
    415,
    [422, 'Refund above what was paid, or in another currency'],
  )
  rule(
    @Param('id', new SettleIdPipe('Escalation')) id: string,
    @Body() request: RulingRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RulingSubmittedResponse> {
    return this.escalations.rule(id, request, principal);
  }
}
