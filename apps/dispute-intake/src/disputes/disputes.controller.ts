import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentIdempotencyClaim,
  CurrentPrincipal,
  IdempotencyKeyRequired,
  IdempotencyRecordedInTransaction,
  Roles,
  type IdempotencyClaim,
  type Principal,
} from '@settle/platform';
import { DisputeOpeningService } from './dispute-opening.service';
import { DisputesService } from './disputes.service';
import { CancelDisputeRequest } from './dto/cancel-dispute.request';
import { ListDisputesQuery } from './dto/list-disputes.query';
import { OpenDisputeRequest } from './dto/open-dispute.request';

const PROBLEM = { description: 'application/problem+json naming the field or the rule' };

@ApiTags('disputes')
@ApiBearerAuth()
@Controller('v1/disputes')
export class DisputesController {
  constructor(
    private readonly opening: DisputeOpeningService,
    private readonly disputes: DisputesService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('platform')
  @IdempotencyKeyRequired()
  @IdempotencyRecordedInTransaction()
  @ApiOperation({ summary: 'Open a dispute for the buyer (platform key, Idempotency-Key required)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiResponse({ status: 201, description: 'The dispute, AWAITING_SELLER, with its deadlines' })
  @ApiResponse({ status: 400, ...PROBLEM })
  @ApiResponse({ status: 409, description: 'The order already has an open dispute (DISPUTE_ALREADY_OPEN)' })
  @ApiResponse({ status: 422, ...PROBLEM })
  async open(@Body() request: OpenDisputeRequest, @CurrentIdempotencyClaim() claim?: IdempotencyClaim) {
    return this.opening.open(request, claim);
  }

  @Get()
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'Disputes, newest first, by status, seller and order (a seller sees its own only)' })
  async list(@Query() query: ListDisputesQuery, @CurrentPrincipal() principal: Principal) {
    return this.disputes.list(query, principal);
  }

  @Get(':id')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One dispute: status, version, proposals, deadlines, resolution, history oldest first' })
  @ApiResponse({ status: 404, description: 'No such dispute, or another seller’s' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.disputes.get(id, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('platform')
  @ApiOperation({ summary: 'The buyer withdraws the dispute (platform key, for the buyer)' })
  @ApiResponse({ status: 409, description: 'Terminal or stale (TERMINAL_STATE, STALE_VERSION)' })
  async cancel(@Param('id') id: string, @Body() request: CancelDisputeRequest) {
    return this.disputes.cancel(id, request);
  }

  @Get(':id/export')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({
    summary: 'The dispute’s events with their hash chain (settle.dispute-export.v1), verifiable offline',
  })
  async export(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.disputes.export(id, principal);
  }
}
