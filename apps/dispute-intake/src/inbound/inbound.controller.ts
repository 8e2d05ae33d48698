import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@settle/platform';
import type { Request } from 'express';
import { InboundService } from './inbound.service';

@ApiTags('inbound')
@Controller('v1/inbound')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post('marketplace')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Signed inbound webhook (Standard Webhooks) carrying order.*, tracking.updated or listing.upserted',
  })
  @ApiResponse({ status: 202, description: 'Accepted; the event is published onto its topic' })
  @ApiResponse({ status: 401, description: 'Signature, timestamp or headers refused (problem+json names which)' })
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('webhook-id') id?: string,
    @Headers('webhook-timestamp') timestamp?: string,
    @Headers('webhook-signature') signature?: string,
  ) {
    return this.inbound.receive(request.rawBody, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
  }
}
