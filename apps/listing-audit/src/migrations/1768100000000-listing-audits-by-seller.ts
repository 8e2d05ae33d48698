import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A seller's listings with their latest audit (the console's Listings screen, issue 17): audits by seller. */
export class ListingAuditsBySeller1768100000000 implements MigrationInterface {
  name = 'ListingAuditsBySeller1768100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX listing_audits_seller ON listing_audits (seller_id, listing_id, audited_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX listing_audits_seller`);
  }
}
