import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Money } from '@settle/contracts';
import { DataSource } from 'typeorm';
import type { Transaction } from '@settle/messaging';

export interface BuyerOrder {
  orderId: string;
  buyerId: string;
  sellerId: string;
  listingId: string;
  amount: Money;
  paidAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
}

type Row = {
  order_id: string;
  buyer_id: string;
  seller_id: string;
  listing_id: string;
  amount_minor: string;
  currency: string;
  paid_at: Date;
  shipped_at: Date | null;
  delivered_at: Date | null;
};

@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsertPaid(
    tx: Transaction,
    order: Omit<BuyerOrder, 'shippedAt' | 'deliveredAt'> & { skuId: string; buyerLocale: string | null },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO buyer_orders (order_id, buyer_id, seller_id, listing_id, amount_minor, currency, paid_at, sku_id,
         buyer_locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) DO NOTHING`,
      [
        order.orderId,
        order.buyerId,
        order.sellerId,
        order.listingId,
        order.amount.amountMinor,
        order.amount.currency,
        order.paidAt,
        order.skuId,
        order.buyerLocale,
      ],
    );
  }

  async markShipped(tx: Transaction, orderId: string, at: string): Promise<void> {
    await tx.query(`UPDATE buyer_orders SET shipped_at = $2 WHERE order_id = $1`, [orderId, at]);
  }

  async markDelivered(tx: Transaction, orderId: string, at: string): Promise<void> {
    await tx.query(`UPDATE buyer_orders SET delivered_at = $2 WHERE order_id = $1`, [orderId, at]);
  }

  /** This buyer's orders with this seller only, newest first. */
  async ordersOfBuyerWithSeller(sellerId: string, buyerId: string, limit = 200): Promise<BuyerOrder[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM buyer_orders WHERE seller_id = $1 AND buyer_id = $2 ORDER BY paid_at DESC LIMIT $3`,
      [sellerId, buyerId, limit],
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      buyerId: row.buyer_id,
      sellerId: row.seller_id,
      listingId: row.listing_id,
      amount: { amountMinor: Number(row.amount_minor), currency: row.currency },
      paidAt: row.paid_at.toISOString(),
      shippedAt: row.shipped_at?.toISOString() ?? null,
      deliveredAt: row.delivered_at?.toISOString() ?? null,
    }));
  }

  /** The seller's average order value per currency (minor units), over all its buyers. */
  async sellerAverageOrder(sellerId: string): Promise<Record<string, number>> {
    const rows = await this.dataSource.query<{ currency: string; average: string }[]>(
      `SELECT currency, round(avg(amount_minor))::text AS average FROM buyer_orders WHERE seller_id = $1 GROUP BY currency`,
      [sellerId],
    );
    return Object.fromEntries(rows.map((row) => [row.currency, Number(row.average)]));
  }
}
