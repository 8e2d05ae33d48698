import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Transaction } from '@settle/messaging';
import { DataSource, IsNull } from 'typeorm';
import { SupplyIncidentEntity, SupplyIncidentOrderEntity } from './supply-incident.entity';

/** The timer's projection of supply incidents and the orders they reached: the only place their tables are touched. */
@Injectable()
export class SupplyIncidentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an opened incident once (a redelivered opening changes nothing). */
  async recordOpened(tx: Transaction, incident: SupplyIncidentEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(SupplyIncidentEntity).values(incident).orIgnore().execute();
  }

  async updateRestock(tx: Transaction, incidentId: string, expectedRestockAt: Date | null): Promise<void> {
    await tx.update(SupplyIncidentEntity, { incidentId, closedAt: IsNull() }, { expectedRestockAt });
  }

  /** Closes the incident; the first closing instant stays. */
  async close(tx: Transaction, incidentId: string, closedAt: Date): Promise<void> {
    await tx.update(SupplyIncidentEntity, { incidentId, closedAt: IsNull() }, { closedAt });
  }

  /** Records that the incident reached the order; the first offer stays. */
  async recordOrder(tx: Transaction, reached: SupplyIncidentOrderEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(SupplyIncidentOrderEntity).values(reached).orIgnore().execute();
  }

  /** The incidents that reached the order, oldest first (the API's read, outside any transaction). */
  forOrder(orderId: string): Promise<SupplyIncidentEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(SupplyIncidentEntity, 'incident')
      .innerJoin(SupplyIncidentOrderEntity, 'reached', 'reached.incident_id = incident.incident_id')
      .where('reached.order_id = :orderId', { orderId })
      .orderBy('incident.opened_at', 'ASC')
      .getMany();
  }
}
