import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DEADLINE_KINDS } from '@settle/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { DeadlinesService } from './deadlines.service';
import {
  EscalateRequest,
  ExtendDeadlineRequest,
  PauseDeadlineRequest,
  ResumeDeadlineRequest,
} from './dto/deadline-requests';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('v1/disputes/:disputeId')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get('deadlines')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: "A dispute's deadlines: kind, dueAt, status, and every pause or extension with its reason" })
  @ApiResponse({ status: 200, description: '{ disputeId, items }' })
  @ApiResponse({ status: 404, description: 'No such dispute (or another seller’s)' })
  list(@Param('disputeId') disputeId: string, @CurrentPrincipal() principal: Principal) {
    return this.deadlines.list(disputeId, principal);
  }

  @Post('deadlines/:kind/extend')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Extend a running deadline by a duration or until an instant, with a reason code' })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiResponse({ status: 409, description: 'The deadline is not running, is paused or has passed' })
  @ApiResponse({ status: 422, description: 'The extension does not move the deadline later' })
  extend(
    @Param('disputeId') disputeId: string,
    @Param('kind') kind: string,
    @Body() request: ExtendDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.deadlines.adjust(disputeId, kind, 'EXTEND', request, principal);
  }

  @Post('deadlines/:kind/pause')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Pause a running deadline (what is left is kept), with a reason code' })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  pause(
    @Param('disputeId') disputeId: string,
    @Param('kind') kind: string,
    @Body() request: PauseDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.deadlines.adjust(disputeId, kind, 'PAUSE', request, principal);
  }

  @Post('deadlines/:kind/resume')
  @HttpCode(200)
  @Roles('staff', 'lead')
  @ApiOperation({ summary: 'Resume a paused deadline: it moves by exactly the paused time' })
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  resume(
    @Param('disputeId') disputeId: string,
    @Param('kind') kind: string,
    @Body() request: ResumeDeadlineRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.deadlines.adjust(disputeId, kind, 'RESUME', request, principal);
  }

  @Post('escalate')
  @HttpCode(202)
  @Roles('platform')
  @ApiOperation({ summary: 'The buyer escalates to staff (window-checked); the owner applies it' })
  @ApiResponse({ status: 202, description: 'The escalate command was sent to the dispute’s owner' })
  @ApiResponse({
    status: 422,
    description: 'ESCALATION_TOO_EARLY, ESCALATION_WINDOW_CLOSED or NOT_RECEIVED_IN_TRANSIT',
  })
  escalate(@Param('disputeId') disputeId: string, @Body() request: EscalateRequest) {
    return this.deadlines.escalate(disputeId, request.note);
  }
}
