import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
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
import type { Response } from 'express';
import {
  AcceptProposalBody,
  ReturnReceiptBody,
  ReturnShipmentBody,
  SellerResponseBody,
  SubmitProposalBody,
} from './dto/party-actions.dto';
import {
  ActionAppliedResponse,
  ActionPendingResponse,
  CommandResponse,
  ProposalsResponse,
} from './dto/party-actions.response';
import { PartyActionsService, type ActionResult } from './party-actions.service';

const APPLIED = 'The owner applied the action within the wait: `{ status: APPLIED, commandId, dispute }`.';
const PENDING = 'The owner has not answered yet: poll `Location` (`/v1/commands/{commandId}`).';

@ApiTags('party actions')
@ApiBearerAuth()
@Controller('v1')
@ApiProblems(401, 403)
export class PartyActionsController {
  constructor(private readonly actions: PartyActionsService) {}

  @Post('disputes/:id/responses')
  @BodyLimit(BODY_LIMITS.text)
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The seller accepts the buyer’s proposal, or rejects it with a counter-proposal and a message',
  })
  @ApiOkResponse({ type: ActionAppliedResponse, description: APPLIED })
  @ApiAcceptedResponse({ type: ActionPendingResponse, description: PENDING })
  @ApiProblems(400, 404, [409, 'The dispute moved on: closed, stale version, expired proposal'], 413, 415, 422)
  async respond(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Body() body: SellerResponseBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.actions.respond(principal, id, body));
  }

  @Get('disputes/:id/proposals')
  @Roles('seller', 'platform', 'staff', 'lead')
  @ApiOperation({ summary: 'Every proposal of the dispute, every round, in the order they were made' })
  @ApiOkResponse({ type: ProposalsResponse })
  @ApiProblems(404)
  async proposals(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Dispute')) id: string) {
    const view = await this.actions.viewFor(principal, id);
    return { disputeId: view.id, status: view.status, version: view.version, items: view.proposals };
  }

  @Post('disputes/:id/proposals')
  @Roles('seller', 'platform')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new or modified proposal (the platform acts for the buyer), optionally with expiresAt' })
  @ApiOkResponse({ type: ActionAppliedResponse, description: APPLIED })
  @ApiAcceptedResponse({ type: ActionPendingResponse, description: PENDING })
  @ApiProblems(400, 404, [409, 'The dispute moved on: closed, stale version, expired proposal'], 413, 415, 422)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Body() body: SubmitProposalBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.actions.submitProposal(principal, id, body));
  }

  @Post('disputes/:id/proposals/:proposalId/accept')
  @Roles('seller', 'platform')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the other side’s proposal (409 once it has expired)' })
  @ApiOkResponse({ type: ActionAppliedResponse, description: APPLIED })
  @ApiAcceptedResponse({ type: ActionPendingResponse, description: PENDING })
  @ApiProblems(400, 404, [409, 'The dispute moved on: closed, stale version, expired proposal'], 413, 415, 422)
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Param('proposalId', new SettleIdPipe('Proposal')) proposalId: string,
    @Body() body: AcceptProposalBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.actions.acceptProposal(principal, id, proposalId, body.expectedVersion));
  }

  @Post('disputes/:id/return-shipment')
  @Roles('platform')
  @HttpCode(200)
  @ApiOperation({ summary: 'The buyer shipped the return (carrier and tracking)' })
  @ApiOkResponse({ type: ActionAppliedResponse, description: APPLIED })
  @ApiAcceptedResponse({ type: ActionPendingResponse, description: PENDING })
  @ApiProblems(400, 404, [409, 'The dispute moved on: closed, stale version, expired proposal'], 413, 415, 422)
  async shipReturn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Body() body: ReturnShipmentBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.actions.shipReturn(principal, id, body));
  }

  @Post('disputes/:id/return-receipt')
  @BodyLimit(BODY_LIMITS.text)
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({ summary: 'The seller received the return; anything but AS_EXPECTED escalates' })
  @ApiOkResponse({ type: ActionAppliedResponse, description: APPLIED })
  @ApiAcceptedResponse({ type: ActionPendingResponse, description: PENDING })
  @ApiProblems(400, 404, [409, 'The dispute moved on: closed, stale version, expired proposal'], 413, 415, 422)
  async receiveReturn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Body() body: ReturnReceiptBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    return answer(response, await this.actions.receiveReturn(principal, id, body));
  }

  @Get('commands/:commandId')
  @Roles('seller', 'platform', 'staff', 'lead')
  @ApiOperation({
    summary: 'A party action sent to the dispute’s owner: PENDING, APPLIED or REJECTED (with the reason)',
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiProblems(404)
  async command(
    @CurrentPrincipal() principal: Principal,
    @Param('commandId', new SettleIdPipe('Command')) commandId: string,
  ) {
    return this.actions.command(principal, commandId);
  }
}

function answer(response: Response, result: ActionResult) {
  if (result.status === 'PENDING') {
    response.status(202).setHeader('Location', result.location);
  }
  return result;
}
