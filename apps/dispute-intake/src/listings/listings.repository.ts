import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';

/** The listing projection: every version and every audit, to find what was in force at an instant. */
@Injectable()
export class ListingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async latestVersion(tx: EntityManager, listingId: string): Promise<number> {
    const [{ version }] = await tx.query<{ version: number }[]>(
      `SELECT coalesce(max(version), 0)::int AS version FROM listing_versions WHERE listing_id = $1`,
      [listingId],
    );
    return version;
  }

  async insertVersion(tx: EntityManager, row: ListingVersionEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(ListingVersionEntity).values(row).orIgnore().execute();
  }

  async insertAudit(tx: EntityManager, row: ListingAuditEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(ListingAuditEntity).values(row).orIgnore().execute();
  }

  /** The version in force at `at`: the last one valid from then or before. */
  async versionAt(listingId: string, at: Date): Promise<ListingVersionEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(ListingVersionEntity, 'v')
      .where('v.listingId = :listingId AND v.validFrom <= :at', { listingId, at })
      .orderBy('v.validFrom', 'DESC')
      .addOrderBy('v.version', 'DESC')
      .getOne();
  }

  /** The audit in force at `at` for that listing version (or of the listing, when the audit names none). */
  async auditAt(listingId: string, version: number | undefined, at: Date): Promise<ListingAuditEntity | null> {
    const query = this.dataSource.manager
      .createQueryBuilder(ListingAuditEntity, 'a')
      .where('a.listingId = :listingId AND a.auditedAt <= :at', { listingId, at });
    if (version !== undefined) query.andWhere('(a.listingVersion IS NULL OR a.listingVersion = :version)', { version });
    return query.orderBy('a.auditedAt', 'DESC').getOne();
  }
}
