import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PageQuery, Roles, type Principal } from '@settle/platform';
import { LintBody, PostMessageBody } from './dto/messages.dto';
import { MessagesService } from './messages.service';
import { lintMessage } from '../tone/tone-lint';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('disputes/:id/messages')
  @Roles('platform', 'seller', 'staff', 'lead')
  @HttpCode(201)
  @ApiOperation({ summary: 'Post a message (append-only); the tone lint comes back with it and never blocks it' })
  @ApiCreatedResponse({ description: '`{ message, lint }`' })
  post(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: PostMessageBody) {
    return this.messages.post(principal, id, body);
  }

  @Get('disputes/:id/messages')
  @Roles('platform', 'seller', 'staff', 'lead')
  @ApiOperation({ summary: 'The dispute’s messages, oldest first' })
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: PageQuery) {
    return this.messages.list(principal, id, query);
  }

  @Post('messages/lint')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Tone coaching: forbidden phrases (en, es, fr, pt, ru), shouting, blame, no greeting/apology/next step',
  })
  lint(@Body() body: LintBody) {
    const report = lintMessage(body.body);
    return { ok: report.ok, findings: report.findings };
  }
}
