import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DISPUTE_REASONS, type DisputeReason } from '@settle/contracts';
import { ApiProblems, CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PartyActionsService } from '../disputes/party-actions.service';
import { LANGUAGES, type Language } from '../tone/phrases';
import { TemplatesResponse } from './dto/templates.response';
import { fillTemplate, replyTemplates, templateLocaleOf } from './reply-templates';

export class TemplatesQuery {
  @ApiPropertyOptional({ enum: DISPUTE_REASONS, enumName: 'DisputeReason' })
  @IsOptional()
  @IsIn(DISPUTE_REASONS)
  reason?: DisputeReason;

  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'TemplateLocale' })
  @IsOptional()
  @IsIn(LANGUAGES)
  locale?: Language;

  @ApiPropertyOptional({
    description: 'Fill the placeholders from this dispute (and default reason and locale to its own)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  disputeId?: string;
}

@ApiTags('tone coaching')
@ApiBearerAuth()
@Controller('v1')
export class TemplatesController {
  constructor(private readonly actions: PartyActionsService) {}

  @Get('templates')
  @Roles('seller', 'platform', 'staff', 'lead')
  @ApiOperation({
    summary: 'Reply templates per reason × locale (en, es, fr, pt, ru), filled from a dispute when given',
  })
  @ApiOkResponse({ type: TemplatesResponse })
  @ApiProblems(400, 401, 403, [404, 'No such dispute (or another seller’s)'])
  async list(@CurrentPrincipal() principal: Principal, @Query() query: TemplatesQuery) {
    if (!query.disputeId)
      return { items: replyTemplates({ reason: query.reason, locale: query.locale }).map((t) => fillTemplate(t, {})) };
    const view = await this.actions.viewFor(principal, query.disputeId);
    const templates = replyTemplates({
      reason: query.reason ?? (view.reason as DisputeReason),
      locale: query.locale ?? templateLocaleOf(view.buyerLocale),
    });
    return {
      items: templates.map((template) =>
        fillTemplate(template, {
          orderId: view.orderId,
          refund: view.requested.refund,
          carrier: view.order.carrier,
          trackingNumber: view.order.trackingNumber,
        }),
      ),
    };
  }
}
