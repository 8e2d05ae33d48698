import { ApiProperty } from '@nestjs/swagger';
import type { IncidentMetrics, SellerMetrics } from '../seller-metrics';
import { METRIC_WINDOWS, type MetricWindow } from './metrics.query';

const RATE = { type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Null when nothing was counted' };

/** A seller's metrics over a rolling window ending now (`SellerMetrics`). */
export class SellerMetricsResponse implements SellerMetrics, IncidentMetrics {
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

  @ApiProperty({
    type: 'integer',
    description:
      'The seller’s orders a supply incident reached in the window (the incident’s refund offer, order.refund_offered, sent then)',
  })
  incidentOrders!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Of incidentOrders, those on which no dispute stands against the seller now: no dispute was ever opened on the order, or every dispute on it was opened before the offer and ended after it by the buyer withdrawing it or by agreement, without escalation or auto-acceptance (docs/DOMAIN.md, "Seller metrics")',
  })
  disputesAvoidedByIncidents!: number;
}
