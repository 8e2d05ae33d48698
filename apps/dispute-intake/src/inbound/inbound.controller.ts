import { Controller, Headers, HttpCode, Post, RawBody } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, BODY_LIMITS, BodyLimit, Public } from '@settle/platform';
import { InboundAcceptedResponse } from './inbound.response';
import { InboundService } from './inbound.service';

@ApiTags('inbound')
@Controller('v1/inbound')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  @Post('marketplace')
  @Public()
  @BodyLimit(BODY_LIMITS.document)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Signed inbound webhook (Standard Webhooks) carrying order.*, tracking.updated or listing.upserted',
    description:
      'Signed with the marketplace’s webhook secret (webhook-id, webhook-timestamp, webhook-signature), not an API key.',
    security: [],
  })
  @ApiAcceptedResponse({
    type: InboundAcceptedResponse,
    description: 'Accepted; the event is published onto its topic',
  })
  @ApiProblems(
    [400, 'The body is not a valid event envelope'],
    [401, 'Signature, timestamp or headers refused (problem+json names which)'],
    [409, 'A replay: the webhook-id or event was already received (WEBHOOK_REPLAYED)'],
    413,
    [422, 'An event type this endpoint does not take'],
  )
  async receive(
    @RawBody() rawBody: Buffer | undefined,
    @Headers('webhook-id') id?: string,
    @Headers('webhook-timestamp') timestamp?: string,
    @Headers('webhook-signature') signature?: string,
  ): Promise<InboundAcceptedResponse> {
    return this.inbound.receive(rawBody, {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    });
  }
}
