import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DEADLINE_KINDS } from '@settle/contracts';
import { ApiProblems, CurrentPrincipal, Roles, SettleIdPipe, type Principal } from '@settle/platform';
import { DeadlinesService } from './deadlines.service';
import {
  EscalateRequest,
  ExtendDeadlineRequest,
  PauseDeadlineRequest,
  ResumeDeadlineRequest,
} from './dto/deadline-requests';
import { DeadlineListResponse, DeadlineResponse, EscalationRequestedResponse } from './dto/deadline.response';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('v1/disputes/:disputeId')
@ApiProblems(401, 403)
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get('deadlines')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: "A dispute's deadlines: kind, dueAt, status, and every pause or extension with its reason" })
  @ApiOkResponse({ type: DeadlineListResponse })
  @ApiProblems([404, 'No such dispute (or another seller’s)'])
  list(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlineListResponse> {
    return this.deadlines.list(disputeId, principal);
  }

  @Post('deadlines/:kind/extend')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Extend a running deadline by a duration or until an instant, with a reason code' })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS, enumName: 'DeadlineKind' })
  @ApiOkResponse({ type: DeadlineResponse, description: 'The deadline, extended' })
  @ApiProblems(400, 404, [409, 'The deadline is not running, is paused or has passed'], 413, 415, [
    422,
    'The extension does not move the deadline later',
  ])
  extend(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @Param('kind') kind: string,
    @Body() request: ExtendDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlineResponse> {
    return this.deadlines.adjust(disputeId, kind, 'EXTEND', request, principal);
  }

  @Post('deadlines/:kind/pause')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Pause a running deadline (what is left is kept), with a reason code' })
  @ApiOkResponse({ type: DeadlineResponse, description: 'The deadline, paused' })
  @ApiProblems(400, 404, [409, 'The deadline is not running or is already paused'], 413, 415)
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS, enumName: 'DeadlineKind' })
  pause(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @Param('kind') kind: string,
    @Body() request: PauseDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlineResponse> {
    return this.deadlines.adjust(disputeId, kind, 'PAUSE', request, principal);
  }

  @Post('deadlines/:kind/resume')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Resume a paused deadline: it moves by exactly the paused time' })
  @ApiOkResponse({ type: DeadlineResponse, description: 'The deadline, running again' })
  @ApiProblems(400, 404, [409, 'The deadline is not paused'], 413, 415)
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS, enumName: 'DeadlineKind' })
  resume(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @Param('kind') kind: string,
    @Body() request: ResumeDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlineResponse> {
    return this.deadlines.adjust(disputeId, kind, 'RESUME', request, principal);
  }

  @Post('escalate')
  @HttpCode(202)
  @Roles('platform')
  @ApiOperation({ summary: 'The buyer escalates to staff (window-checked); the owner applies it' })
  @ApiAcceptedResponse({
    type: EscalationRequestedResponse,
    description: 'The escalate command was sent to the dispute’s owner',
  })
  @ApiProblems(400, 404, [409, 'The dispute is not open to escalation (INVALID_STATE_TRANSITION)'], 413, 415, [
    422,
    'ESCALATION_TOO_EARLY, ESCALATION_WINDOW_CLOSED or NOT_RECEIVED_IN_TRANSIT',
  ])
  escalate(
    @Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string,
    @Body() request: EscalateRequest,
  ): Promise<EscalationRequestedResponse> {
    return this.deadlines.escalate(disputeId, request.note);
  }
}
