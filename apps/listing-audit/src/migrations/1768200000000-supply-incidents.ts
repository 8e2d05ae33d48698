import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Supply incidents on listings (issue 19): an open one puts SUPPLY_INCIDENT_ACTIVE in every audit of its listing. */
export class SupplyIncidents1768200000000 implements MigrationInterface {
  name = 'SupplyIncidents1768200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE supply_incidents (
        incident_id uuid NOT NULL,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        sku_ids jsonb NOT NULL,
        cause text NOT NULL,
        expected_restock_at timestamptz,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        CONSTRAINT supply_incidents_pkey PRIMARY KEY (incident_id)
      )`);
    await db.query(`CREATE INDEX supply_incidents_listing ON supply_incidents (listing_id, opened_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE supply_incidents`);
  }
}
