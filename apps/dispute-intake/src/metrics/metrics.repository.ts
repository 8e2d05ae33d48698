import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IncidentOrder, MetricsEvent, OrderDisputeEvent } from './seller-metrics';

const METRIC_EVENT_TYPES = [
  'dispute.opened',
  'dispute.seller_responded',
  'dispute.auto_accepted',
  'dispute.escalated',
  'dispute.ruled',
  'dispute.resolved',
];

/** The dispute events that decide whether a supply incident avoided an order's dispute (`incidentMetrics`). */
const INCIDENT_DISPUTE_EVENT_TYPES = [
  'dispute.opened',
  'dispute.agreed',
  'dispute.cancelled',
  'dispute.escalated',
  'dispute.auto_accepted',
];

/**
 * Reads for seller metrics: the events of a seller's disputes opened in a window, its shipped orders, and the orders
 * supply incidents reached with their disputes' events.
 */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cohortEvents(sellerId: string, from: Date, to: Date): Promise<MetricsEvent[]> {
    const rows = await this.dataSource.query<
      { dispute_id: string; type: string; occurred_at: Date; data: Record<string, unknown> }[]
    >(
      `SELECT e.dispute_id, e.type, e.occurred_at, e.data
         FROM dispute_events e
        WHERE e.type = ANY($4)
          AND e.dispute_id IN (SELECT dispute_id FROM dispute_events
                                WHERE seller_id = $1 AND type = 'dispute.opened'
                                  AND occurred_at >= $2 AND occurred_at < $3)
        ORDER BY e.dispute_id, e.version`,
      [sellerId, from, to, METRIC_EVENT_TYPES],
    );
    return rows.map((row) => ({
      disputeId: row.dispute_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at),
      data: row.data,
    }));
  }

  async shippedOrders(sellerId: string, from: Date, to: Date): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM orders WHERE seller_id = $1 AND shipped_at >= $2 AND shipped_at < $3`,
      [sellerId, from, to],
    );
    return row?.count ?? 0;
  }

  /** The seller's orders a supply incident reached (first offer) in the window. */
  async incidentOrders(sellerId: string, from: Date, to: Date): Promise<IncidentOrder[]> {
    const rows = await this.dataSource.query<{ order_id: string; incident_offered_at: Date }[]>(
      `SELECT order_id, incident_offered_at FROM orders
        WHERE seller_id = $1 AND incident_offered_at >= $2 AND incident_offered_at < $3`,
      [sellerId, from, to],
    );
    return rows.map((row) => ({ orderId: row.order_id, offeredAt: new Date(row.incident_offered_at) }));
  }

  /** The events of every dispute opened on these orders that `incidentMetrics` reads, oldest first per dispute. */
  async disputeEventsOfOrders(orderIds: string[]): Promise<OrderDisputeEvent[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.dataSource.query<
      { order_id: string; dispute_id: string; type: string; occurred_at: Date }[]
    >(
      `SELECT d.order_id, e.dispute_id, e.type, e.occurred_at
         FROM disputes d JOIN dispute_events e ON e.dispute_id = d.id
        WHERE d.order_id = ANY($1) AND e.type = ANY($2)
        ORDER BY e.dispute_id, e.version`,
      [orderIds, INCIDENT_DISPUTE_EVENT_TYPES],
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      disputeId: row.dispute_id,
      type: row.type,
      occurredAt: new Date(row.occurred_at),
    }));
  }
}
