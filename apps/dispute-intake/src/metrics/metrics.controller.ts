import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { SellerMetricsQuery } from './dto/metrics.query';
import { MetricsService } from './metrics.service';

@ApiTags('seller metrics')
@ApiBearerAuth()
@Controller('v1/sellers')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get(':sellerId/metrics')
  @Roles('seller', 'staff', 'lead')
  @ApiOperation({
    summary:
      'Dispute rate, escalation rate, seller-at-fault rate, closed without seller resolution, median first response, share answered in time',
  })
  async get(
    @Param('sellerId') sellerId: string,
    @Query() query: SellerMetricsQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.metrics.forSeller(sellerId, query.window, principal);
  }
}
