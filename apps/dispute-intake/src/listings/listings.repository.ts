import { Injectable } from '@nestjs/common';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';
import type { Transaction } from '@settle/messaging';

/**
 * The listing projection's writes: every version and every audit (what was in force when an order was paid is read
 * with the rest of an opening, DisputesRepository.openingFacts).
 */
@Injectable()
export class ListingsRepository {
  async latestVersion(tx: Transaction, listingId: string): Promise<number> {
    const [row] = await tx.query<{ version: number }[]>(
      `SELECT coalesce(max(version), 0)::int AS version FROM listing_versions WHERE listing_id = $1`,
      [listingId],
    );
    return row?.version ?? 0; // an aggregate: always one row
  }

  async insertVersion(tx: Transaction, row: ListingVersionEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(ListingVersionEntity).values(row).orIgnore().execute();
  }

  async insertAudit(tx: Transaction, row: ListingAuditEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(ListingAuditEntity).values(row).orIgnore().execute();
  }
}
