import { Injectable } from '@nestjs/common';
import { Clock, type Principal, assertSellerScope } from '@settle/platform';
import type { MetricWindow } from './dto/metrics.query';
import { MetricsRepository } from './metrics.repository';
import { computeSellerMetrics, incidentMetrics, type IncidentMetrics, type SellerMetrics } from './seller-metrics';

const WINDOW_DAYS: Record<MetricWindow, number> = { '30d': 30, '90d': 90 };

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly clock: Clock,
  ) {}

  /** The seller's metrics over the rolling window ending now (a seller sees its own only: 404 otherwise). */
  async forSeller(
    sellerId: string,
    window: MetricWindow,
    principal: Principal,
  ): Promise<SellerMetrics & IncidentMetrics & { sellerId: string; window: MetricWindow; from: string; to: string }> {
    assertSellerScope(principal, sellerId, 'Seller', sellerId);
    const to = this.clock.now();
    const from = new Date(to.getTime() - WINDOW_DAYS[window] * 86_400_000);
    const [events, shipped, incidentOrders] = await Promise.all([
      this.metrics.cohortEvents(sellerId, from, to),
      this.metrics.shippedOrders(sellerId, from, to),
      this.metrics.incidentOrders(sellerId, from, to),
    ]);
    const incidentDisputeEvents = await this.metrics.disputeEventsOfOrders(
      incidentOrders.map((order) => order.orderId),
    );
    return {
      sellerId,
      window,
      from: from.toISOString(),
      to: to.toISOString(),
      ...computeSellerMetrics(events, shipped),
      ...incidentMetrics(incidentOrders, incidentDisputeEvents),
    };
  }
}
