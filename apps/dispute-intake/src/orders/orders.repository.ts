import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrderEntity } from './order.entity';
import type { Transaction } from '@settle/messaging';

export type OrderFacts = Partial<Omit<OrderEntity, 'orderId' | 'updatedAt'>>;

/** The order projection's reads and writes. */
@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(orderId: string): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOneBy(OrderEntity, { orderId });
  }

  /** Creates the order or fills in the facts an event brings (events of one order arrive in order: one key). */
  async merge(
    tx: Transaction,
    orderId: string,
    facts: OrderFacts | ((current: OrderFacts) => OrderFacts),
  ): Promise<void> {
    const existing = await tx.findOne(OrderEntity, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
    const current = existing ?? new OrderEntity();
    const update = typeof facts === 'function' ? facts(current) : facts;
    const row = Object.assign(current, update, { orderId, updatedAt: new Date() });
    await tx.save(OrderEntity, row);
  }
}
