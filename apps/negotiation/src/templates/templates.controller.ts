import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DISPUTE_REASONS, type DisputeReason } from '@settle/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PartyActionsService } from '../disputes/party-actions.service';
import { LANGUAGES, type Language } from '../tone/phrases';
import { fillTemplate, replyTemplates, templateLocaleOf } from './reply-templates';

export class TemplatesQuery {
  @ApiPropertyOptional({ enum: DISPUTE_REASONS })
  @IsOptional()
  @IsIn(DISPUTE_REASONS)
  reason?: DisputeReason;

  @ApiPropertyOptional({ enum: LANGUAGES })
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
