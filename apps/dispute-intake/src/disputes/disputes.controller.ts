import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  BODY_LIMITS,
  BodyLimit,
  CurrentIdempotencyClaim,
  CurrentPrincipal,
  IdempotencyKeyRequired,
  IdempotencyRecordedInTransaction,
  Roles,
  SettleIdPipe,
  type IdempotencyClaim,
  type Principal,
} from '@settle/platform';
import { DisputeOpeningService } from './dispute-opening.service';
import { DisputesService } from './disputes.service';
import { CancelDisputeRequest } from './dto/cancel-dispute.request';
import { DisputeExportResponse, DisputePageResponse, DisputeResponse } from './dto/dispute.response';
import { DisputeCountsQuery, DisputeCountsResponse } from './dto/dispute-counts';
import { ListDisputesQuery } from './dto/list-disputes.query';
import { OpenDisputeRequest } from './dto/open-dispute.request';

@ApiTags('disputes')
@ApiBearerAuth()
@Controller('v1/disputes')
@ApiProblems(401, 403)
export class DisputesController {
  constructor(
    private readonly opening: DisputeOpeningService,
    private readonly disputes: DisputesService,
  ) {}

  @Post()
  @HttpCode(201)
  @BodyLimit(BODY_LIMITS.text)
  @Roles('platform')
  @IdempotencyKeyRequired()
  @IdempotencyRecordedInTransaction()
  @ApiOperation({ summary: 'Open a dispute for the buyer (platform key, Idempotency-Key required)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: DisputeResponse, description: 'The dispute, AWAITING_SELLER, with its deadlines' })
  @ApiProblems(
    [400, 'A field, or the Idempotency-Key, is not valid: `errors` names each'],
    [
      409,
      'The order already has an open dispute (DISPUTE_ALREADY_OPEN), or the Idempotency-Key is in use (IDEMPOTENCY_KEY_IN_USE)',
    ],
    413,
    415,
    [422, 'A rule refuses it (e.g. OPENING_WINDOW_CLOSED, INVALID_SUB_REASON), or the key was used for another body'],
  )
  async open(@Body() request: OpenDisputeRequest, @CurrentIdempotencyClaim() claim?: IdempotencyClaim) {
    return this.opening.open(request, claim);
  }

  @Get()
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'Disputes, newest first, by status, seller and order (a seller sees its own only)' })
  @ApiOkResponse({ type: DisputePageResponse })
  @ApiProblems(400)
  async list(@Query() query: ListDisputesQuery, @CurrentPrincipal() principal: Principal) {
    return this.disputes.list(query, principal);
  }

  @Get('counts')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'How many disputes are in each status, by seller and order (a seller counts its own only)' })
  @ApiOkResponse({ type: DisputeCountsResponse })
  @ApiProblems(400)
  async counts(@Query() query: DisputeCountsQuery, @CurrentPrincipal() principal: Principal) {
    return this.disputes.counts(query, principal);
  }

  @Get(':id')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One dispute: status, version, proposals, deadlines, resolution, history oldest first' })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiProblems([404, 'No such dispute, or another seller’s'])
  async get(@Param('id', new SettleIdPipe('Dispute')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.disputes.get(id, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('platform')
  @ApiOperation({ summary: 'The buyer withdraws the dispute (platform key, for the buyer)' })
  @ApiOkResponse({ type: DisputeResponse, description: 'The dispute, CANCELLED' })
  @ApiProblems(400, 404, [409, 'Terminal or stale (TERMINAL_STATE, STALE_VERSION)'], 413, 415)
  async cancel(@Param('id', new SettleIdPipe('Dispute')) id: string, @Body() request: CancelDisputeRequest) {
    return this.disputes.cancel(id, request);
  }

  @Get(':id/export')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({
    summary: 'The dispute’s events with their hash chain (settle.dispute-export.v1), verifiable offline',
  })
  @ApiOkResponse({ type: DisputeExportResponse })
  @ApiProblems(404)
  async export(@Param('id', new SettleIdPipe('Dispute')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.disputes.export(id, principal);
  }
}
