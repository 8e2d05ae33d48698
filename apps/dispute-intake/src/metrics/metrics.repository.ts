import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MetricsEvent } from './seller-metrics';

const METRIC_EVENT_TYPES = [
  'dispute.opened',
  'dispute.seller_responded',
  'dispute.auto_accepted',
  'dispute.escalated',
  'dispute.ruled',
  'dispute.resolved',
];

/** Reads for seller metrics: the events of a seller's disputes opened in a window, and its shipped orders. */
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
}
