import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supply incidents (issue 19): negotiation owns the incident. `supply_listings` is what listing.upserted told of each
 * listing (its seller and SKUs: who may declare, which SKUs exist); an incident's affected orders and disputes are
 * rows keyed by (incident, order) and (incident, dispute), inserted with the events that announce them in one
 * transaction, so a redelivered order event or a replayed declaration cannot send a second notice, offer or proposal.
 * buyer_orders learns each order's SKU and buyer locale (the notice's language).
 */
export class SupplyIncidents1768000000000 implements MigrationInterface {
  name = 'SupplyIncidents1768000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE buyer_orders ADD COLUMN sku_id text`);
    await db.query(`ALTER TABLE buyer_orders ADD COLUMN buyer_locale text`);
    await db.query(`CREATE INDEX buyer_orders_listing ON buyer_orders (listing_id)`);
    await db.query(`
      CREATE TABLE supply_listings (
        listing_id text PRIMARY KEY,
        seller_id text NOT NULL,
        sku_ids text[] NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE supply_incidents (
        id uuid PRIMARY KEY,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        sku_ids text[] NOT NULL,
        cause text NOT NULL,
        expected_restock_at timestamptz,
        remedy text NOT NULL,
        wait_until timestamptz,
        status text NOT NULL,
        declared_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz,
        settled_notified_at timestamptz
      )`);
    await db.query(`CREATE INDEX supply_incidents_listing ON supply_incidents (listing_id, status)`);
    await db.query(`CREATE INDEX supply_incidents_seller ON supply_incidents (seller_id, id)`);
    await db.query(`
      CREATE TABLE supply_incident_orders (
        incident_id uuid NOT NULL,
        order_id text NOT NULL,
        buyer_id text NOT NULL,
        buyer_locale text NOT NULL,
        amount_minor bigint NOT NULL,
        currency text NOT NULL,
        added_at timestamptz NOT NULL,
        notice_requested_at timestamptz,
        refund_offered_at timestamptz,
        dropped_at timestamptz,
        settled_at timestamptz,
        PRIMARY KEY (incident_id, order_id)
      )`);
    await db.query(`CREATE INDEX supply_incident_orders_order ON supply_incident_orders (order_id)`);
    await db.query(`
      CREATE TABLE supply_incident_disputes (
        incident_id uuid NOT NULL,
        dispute_id uuid NOT NULL,
        order_id text NOT NULL,
        state text NOT NULL,
        command_id uuid,
        refusal text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (incident_id, dispute_id)
      )`);
    await db.query(`CREATE INDEX supply_incident_disputes_dispute ON supply_incident_disputes (dispute_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE supply_incident_disputes`);
    await db.query(`DROP TABLE supply_incident_orders`);
    await db.query(`DROP TABLE supply_incidents`);
    await db.query(`DROP TABLE supply_listings`);
    await db.query(`DROP INDEX buyer_orders_listing`);
    await db.query(`ALTER TABLE buyer_orders DROP COLUMN buyer_locale`);
    await db.query(`ALTER TABLE buyer_orders DROP COLUMN sku_id`);
  }
}
