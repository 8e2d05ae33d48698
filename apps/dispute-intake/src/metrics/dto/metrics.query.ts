import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const METRIC_WINDOWS = ['30d', '90d'] as const;
export type MetricWindow = (typeof METRIC_WINDOWS)[number];

export class SellerMetricsQuery {
  @ApiPropertyOptional({ enum: METRIC_WINDOWS, enumName: 'MetricWindow', default: '30d' })
  @IsOptional()
  @IsIn(METRIC_WINDOWS)
  window: MetricWindow = '30d';
}
