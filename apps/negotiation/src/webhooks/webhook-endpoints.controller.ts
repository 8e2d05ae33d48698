import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Roles, SettleIdPipe, type Principal } from '@settle/platform';
import { CreateEndpointBody, DeliveriesQuery } from './dto/webhooks.dto';
import {
  CreatedEndpointResponse,
  DeliveryDetailResponse,
  DeliveryPage,
  DeliveryView,
  EndpointListResponse,
  EndpointView,
  RotatedSecretResponse,
} from './dto/webhooks.response';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('seller webhooks')
@ApiBearerAuth()
@Controller('v1')
@ApiProblems(401, 403)
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post('webhook-endpoints')
  @Roles('seller')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an endpoint; the response carries its whsec_ secret, shown this once' })
  @ApiCreatedResponse({ type: CreatedEndpointResponse, description: 'The endpoint with `secret`' })
  @ApiProblems(400, 413, 415, [422, 'The URL is refused (not https, or a private or reserved address)'])
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateEndpointBody) {
    return this.endpoints.create(principal, body);
  }

  @Get('webhook-endpoints')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The seller’s endpoints (secrets are never shown again)' })
  @ApiOkResponse({ type: EndpointListResponse })
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.endpoints.list(principal), nextCursor: null };
  }

  @Get('webhook-endpoints/:id')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One endpoint, with its status (and why it was disabled)' })
  @ApiOkResponse({ type: EndpointView })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook endpoint')) id: string) {
    return this.endpoints.get(principal, id);
  }

  @Delete('webhook-endpoints/:id')
  @Roles('seller')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint (its deliveries stay in the log)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Webhook endpoint')) id: string,
  ): Promise<void> {
    await this.endpoints.delete(principal, id);
  }

  @Post('webhook-endpoints/:id/disable')
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn an endpoint off: nothing is sent to it (pending deliveries fail) until it is enabled again',
  })
  @ApiOkResponse({ type: EndpointView, description: 'The endpoint, DISABLED with disabledReason BY_SELLER' })
  @ApiProblems(404)
  disable(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook endpoint')) id: string) {
    return this.endpoints.setActive(principal, id, false);
  }

  @Post('webhook-endpoints/:id/enable')
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn a disabled endpoint (by the seller or by Settle) back on' })
  @ApiOkResponse({ type: EndpointView, description: 'The endpoint, ACTIVE' })
  @ApiProblems(404)
  enable(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook endpoint')) id: string) {
    return this.endpoints.setActive(principal, id, true);
  }

  @Post('webhook-endpoints/:id/rotate-secret')
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret (shown once); the old one still signs until previousSecretExpiresAt' })
  @ApiOkResponse({ type: RotatedSecretResponse })
  @ApiProblems(404)
  rotate(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook endpoint')) id: string) {
    return this.endpoints.rotate(principal, id);
  }

  @Get('webhook-deliveries')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The deliveries log, newest first' })
  @ApiOkResponse({ type: DeliveryPage })
  @ApiProblems(400, [404, 'No such endpoint (endpointId)'])
  deliveries(@CurrentPrincipal() principal: Principal, @Query() query: DeliveriesQuery) {
    return this.endpoints.deliveries(principal, query);
  }

  @Get('webhook-deliveries/:id')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One delivery with its event and every attempt' })
  @ApiOkResponse({ type: DeliveryDetailResponse })
  @ApiProblems(404)
  delivery(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook delivery')) id: string) {
    return this.endpoints.delivery(principal, id);
  }

  @Post('webhook-deliveries/:id/replay')
  @Roles('seller', 'staff', 'lead')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the delivery’s event again (a new delivery with its own webhook-id)' })
  @ApiAcceptedResponse({ type: DeliveryView, description: 'The new delivery, queued' })
  @ApiProblems(404, [409, 'The endpoint is disabled or deleted'])
  replay(@CurrentPrincipal() principal: Principal, @Param('id', new SettleIdPipe('Webhook delivery')) id: string) {
    return this.endpoints.replay(principal, id);
  }
}
