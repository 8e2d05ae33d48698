import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supply incidents (issue 19) as the predicted ruling needs them: each incident (the listing topic) and the orders it
 * reached (order.refund_offered).
 */
export class SupplyIncidents1768200000000 implements MigrationInterface {
  name = 'SupplyIncidents1768200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE supply_incidents (
        incident_id uuid NOT NULL,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        cause text NOT NULL,
        remedy text NOT NULL,
        wait_until timestamptz,
        expected_restock_at timestamptz,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        CONSTRAINT supply_incidents_pkey PRIMARY KEY (incident_id)
      )`);
    await db.query(`
      CREATE TABLE supply_incident_orders (
        incident_id uuid NOT NULL,
        order_id text NOT NULL,
        offered_at timestamptz NOT NULL,
        CONSTRAINT supply_incident_orders_pkey PRIMARY KEY (incident_id, order_id)
      )`);
    await db.query(`CREATE INDEX supply_incident_orders_order ON supply_incident_orders (order_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE supply_incident_orders`);
    await db.query(`DROP TABLE supply_incidents`);
  }
}
