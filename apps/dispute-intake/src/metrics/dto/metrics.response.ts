import { ApiProperty } from '@nestjs/swagger';
import type { SellerMetrics } from '../seller-metrics';
import { METRIC_WINDOWS, type MetricWindow } from './metrics.query';

const RATE = { type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Null when nothing was counted' };

/** A seller's metrics over a rolling window ending now (`SellerMetrics`). */
export class SellerMetricsResponse implements SellerMetrics {
  @ApiProperty()
  sellerId!: string;

  @ApiProperty({ enum: METRIC_WINDOWS, enumName: 'MetricWindow' })
  window!: MetricWindow;

  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: 'integer' })
  shippedOrders!: number;

  @ApiProperty({ type: 'integer' })
  disputes!: number;

  @ApiProperty({ ...RATE, description: 'Disputes over shipped orders' })
  disputeRate!: number | null;

  @ApiProperty({ type: 'integer' })
  escalated!: number;

  @ApiProperty(RATE)
  escalationRate!: number | null;

  @ApiProperty({ type: 'integer' })
  rulingsAgainstSeller!: number;

  @ApiProperty(RATE)
  sellerAtFaultRate!: number | null;

  @ApiProperty({ type: 'integer' })
  closedWithoutSellerResolution!: number;

  @ApiProperty(RATE)
  closedWithoutSellerResolutionRate!: number | null;

  @ApiProperty({ type: 'integer' })
  firstResponses!: number;

  @ApiProperty({ type: Number, nullable: true })
  medianFirstResponseSeconds!: number | null;

  @ApiProperty({ type: 'integer' })
  responsesDue!: number;

  @ApiProperty({ type: 'integer' })
  answeredWithinDeadline!: number;

  @ApiProperty(RATE)
  answeredWithinDeadlineShare!: number | null;
}
