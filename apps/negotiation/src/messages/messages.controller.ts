import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiProblems,
  BODY_LIMITS,
  BodyLimit,
  CurrentPrincipal,
  PageQuery,
  Roles,
  SettleIdPipe,
  type Principal,
} from '@settle/platform';
import { LintBody, PostMessageBody } from './dto/messages.dto';
import { MessagePage, PostedMessageResponse, ToneReportView } from './dto/messages.response';
import { MessagesService } from './messages.service';
import { lintMessage } from '../tone/tone-lint';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1')
@ApiProblems(401)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('disputes/:id/messages')
  @BodyLimit(BODY_LIMITS.text)
  @Roles('platform', 'seller', 'staff', 'lead')
  @HttpCode(201)
  @ApiOperation({ summary: 'Post a message (append-only); the tone lint comes back with it and never blocks it' })
  @ApiCreatedResponse({ type: PostedMessageResponse, description: 'The message, and its tone lint' })
  @ApiProblems(400, 403, 404, 413, 415)
  post(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Body() body: PostMessageBody,
  ) {
    return this.messages.post(principal, id, body);
  }

  @Get('disputes/:id/messages')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The dispute’s messages, oldest first' })
  @ApiOkResponse({ type: MessagePage })
  @ApiProblems(400, 403, 404)
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new SettleIdPipe('Dispute')) id: string,
    @Query() query: PageQuery,
  ) {
    return this.messages.list(principal, id, query);
  }

  @Post('messages/lint')
  @BodyLimit(BODY_LIMITS.text)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Tone coaching: forbidden phrases (en, es, fr, pt, ru), shouting, blame, no greeting/apology/next step',
  })
  @ApiOkResponse({ type: ToneReportView })
  @ApiProblems(400, 413, 415)
  lint(@Body() body: LintBody) {
    const report = lintMessage(body.body);
    return { ok: report.ok, findings: report.findings };
  }
}
