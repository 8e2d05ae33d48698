import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { ClaimRequest, EscalationQueueQuery, MetricsQuery, RulingRequest } from './dto/escalation-requests';
import { EscalationsService } from './escalations.service';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('v1/escalations')
@Roles('staff', 'lead')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @ApiOperation({ summary: 'The staff queue, ordered by due time; filters status and overdue' })
  queue(@Query() query: EscalationQueueQuery) {
    return this.escalations.queue(query);
  }

  @Get('metrics')
  @ApiOperation({
    summary: 'Time to ruling (p50/p90), overdue share, agreed after escalation: per staff member and overall',
  })
  metrics(@Query() query: MetricsQuery) {
    return this.escalations.metrics(query.window);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The case: dispute, messages, listing audit at order time, seller metrics, predicted ruling with its reasons',
  })
  @ApiResponse({ status: 404, description: 'No such escalation' })
  case(@Param('id') id: string) {
    return this.escalations.case(id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim the case (one staff member at a time); a lead may reassign with assignTo' })
  @ApiResponse({ status: 409, description: 'ALREADY_CLAIMED by someone else, or the case is closed' })
  claim(@Param('id') id: string, @Body() request: ClaimRequest, @CurrentPrincipal() principal: Principal) {
    return this.escalations.claim(id, request, principal);
  }

  @Post(':id/ruling')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rule (the claimant or a lead): sent to the dispute’s owner as dispute.command.record_ruling',
  })
  @ApiResponse({ status: 403, description: 'Neither the claimant nor a lead' })
  @ApiResponse({ status: 422, description: 'Refund above what was paid, or in another currency' })
  rule(@Param('id') id: string, @Body() request: RulingRequest, @CurrentPrincipal() principal: Principal) {
    return this.escalations.rule(id, request, principal);
  }
}
