import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The supply incident that reached each order (issue 19): seller metrics count the disputes incidents avoided. */
export class OrderIncidentOffers1768200000000 implements MigrationInterface {
  name = 'OrderIncidentOffers1768200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN incident_id uuid, ADD COLUMN incident_offered_at timestamptz`);
    await db.query(`CREATE INDEX orders_seller_incident_offer ON orders (seller_id, incident_offered_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX orders_seller_incident_offer`);
    await db.query(`ALTER TABLE orders DROP COLUMN incident_offered_at, DROP COLUMN incident_id`);
  }
}
