import { Injectable } from '@nestjs/common';
import type { Transaction } from '@settle/messaging';
import { IsNull } from 'typeorm';
import { SupplyIncidentEntity } from './supply-incident.entity';

/** The supply incidents listing-audit heard of: the only place their table is touched. */
@Injectable()
export class SupplyIncidentsRepository {
  /** Records an opened incident once (a redelivered or replayed opening changes nothing). */
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

  /** The listing's open incidents, oldest first. */
  open(tx: Transaction, listingId: string): Promise<SupplyIncidentEntity[]> {
    return tx.find(SupplyIncidentEntity, { where: { listingId, closedAt: IsNull() }, order: { openedAt: 'ASC' } });
  }
}
