import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A seller's disputes by status: the desk's quick-filter counts (one GROUP BY over the seller's disputes, read from
 * the index alone) and a filtered page of them, newest first (issue 17).
 */
export class DisputesBySellerAndStatus1768300000000 implements MigrationInterface {
  name = 'DisputesBySellerAndStatus1768300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX disputes_seller_status ON disputes (seller_id, status, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX disputes_seller_status`);
  }
}
