import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { CreateEndpointBody, DeliveriesQuery } from './dto/webhooks.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('seller webhooks')
@ApiBearerAuth()
@Controller('v1')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post('webhook-endpoints')
  @Roles('seller')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an endpoint; the response carries its whsec_ secret, shown this once' })
  @ApiCreatedResponse({ description: 'The endpoint with `secret`' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateEndpointBody) {
    return this.endpoints.create(principal, body);
  }

  @Get('webhook-endpoints')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The seller’s endpoints (secrets are never shown again)' })
  async list(@CurrentPrincipal() principal: Principal) {
    return { items: await this.endpoints.list(principal), nextCursor: null };
  }

  @Get('webhook-endpoints/:id')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One endpoint, with its status (and why it was disabled)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.endpoints.get(principal, id);
  }

  @Delete('webhook-endpoints/:id')
  @Roles('seller')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint (its deliveries stay in the log)' })
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.endpoints.delete(principal, id);
  }

  @Post('webhook-endpoints/:id/rotate-secret')
  @Roles('seller')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret (shown once); the old one still signs until previousSecretExpiresAt' })
  rotate(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.endpoints.rotate(principal, id);
  }

  @Get('webhook-deliveries')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The deliveries log, newest first' })
  deliveries(@CurrentPrincipal() principal: Principal, @Query() query: DeliveriesQuery) {
    return this.endpoints.deliveries(principal, query);
  }

  @Get('webhook-deliveries/:id')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({ summary: 'One delivery with its event and every attempt' })
  delivery(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.endpoints.delivery(principal, id);
  }

  @Post('webhook-deliveries/:id/replay')
  @Roles('seller', 'staff', 'lead')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the delivery’s event again (a new delivery with its own webhook-id)' })
  replay(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.endpoints.replay(principal, id);
  }
}
