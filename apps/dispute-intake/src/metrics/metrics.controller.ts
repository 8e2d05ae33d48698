import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Roles, type Principal } from '@settle/platform';
import { SellerMetricsResponse } from './dto/metrics.response';
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
  @ApiOkResponse({ type: SellerMetricsResponse })
  @ApiProblems(400, 401, 403, [404, 'Another seller’s metrics (a seller sees its own only)'])
  async get(
    @Param('sellerId') sellerId: string,
    @Query() query: SellerMetricsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SellerMetricsResponse> {
    return this.metrics.forSeller(sellerId, query.window, principal);
  }
}
