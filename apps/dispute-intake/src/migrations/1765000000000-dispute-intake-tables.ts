import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * dispute-intake's tables: disputes (current state) and their hash-chained events, the order and listing
 * projections built from events, and the ids of accepted inbound webhooks. Written to match what the entities
 * ask for exactly (apps/schema-drift.int-spec.ts checks it).
 */
export class DisputeIntakeTables1765000000000 implements MigrationInterface {
  name = 'DisputeIntakeTables1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "disputes" ("id" uuid NOT NULL, "order_id" text NOT NULL, "buyer_id" text NOT NULL, "seller_id" text NOT NULL, "listing_id" text NOT NULL, "status" text NOT NULL, "version" integer NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" jsonb NOT NULL, "opened" jsonb NOT NULL, CONSTRAINT "PK_3c97580d01c1a4b0b345c42a107" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "disputes_order" ON "disputes" ("order_id", "id")`);
    await db.query(`CREATE INDEX "disputes_status" ON "disputes" ("status", "id")`);
    await db.query(`CREATE INDEX "disputes_seller" ON "disputes" ("seller_id", "id")`);
    // One open dispute per order (docs/DOMAIN.md, "Lifecycle"): a second one fails here, inside the opening transaction.
    await db.query(
      `CREATE UNIQUE INDEX "disputes_one_open_per_order" ON "disputes" ("order_id") WHERE status NOT IN ('RESOLVED', 'CANCELLED')`,
    );

    await db.query(
      `CREATE TABLE "dispute_events" ("dispute_id" uuid NOT NULL, "version" integer NOT NULL, "event_id" uuid NOT NULL, "type" text NOT NULL, "seller_id" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "domain" jsonb NOT NULL, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_e0ece9213a1ede09de14dca219b" PRIMARY KEY ("dispute_id", "version"))`,
    );
    await db.query(`CREATE INDEX "dispute_events_seller" ON "dispute_events" ("seller_id", "occurred_at")`);
    await db.query(`CREATE UNIQUE INDEX "dispute_events_event_id" ON "dispute_events" ("event_id")`);

    await db.query(
      `CREATE TABLE "orders" ("order_id" text NOT NULL, "buyer_id" text, "seller_id" text, "listing_id" text, "sku_id" text, "quantity" integer, "amount_minor" bigint, "currency" text, "paid_at" TIMESTAMP WITH TIME ZONE, "buyer_country" text, "seller_country" text, "promised_delivery_days" integer, "buyer_locale" text, "shipped_at" TIMESTAMP WITH TIME ZONE, "carrier" text, "tracking_number" text, "delivered_at" TIMESTAMP WITH TIME ZONE, "tracking_status" text, "tracking_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cad55b3cb25b38be94d2ce831db" PRIMARY KEY ("order_id"))`,
    );

    await db.query(
      `CREATE TABLE "listing_versions" ("listing_id" text NOT NULL, "version" integer NOT NULL, "seller_id" text NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "listing" jsonb NOT NULL, CONSTRAINT "PK_d5fc7d0c350a0414dadceed7dae" PRIMARY KEY ("listing_id", "version"))`,
    );
    await db.query(`CREATE INDEX "listing_versions_in_force" ON "listing_versions" ("listing_id", "valid_from")`);
    await db.query(
      `CREATE TABLE "listing_audits" ("audit_id" uuid NOT NULL, "listing_id" text NOT NULL, "listing_version" integer, "audited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "result" jsonb NOT NULL, CONSTRAINT "PK_a20f86ee3246676b9dac65cc31c" PRIMARY KEY ("audit_id"))`,
    );
    await db.query(`CREATE INDEX "listing_audits_in_force" ON "listing_audits" ("listing_id", "audited_at")`);

    await db.query(
      `CREATE TABLE "inbound_webhooks" ("webhook_id" text NOT NULL, "event_id" text NOT NULL, "event_type" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3701e330c706e7187878198f52b" PRIMARY KEY ("webhook_id"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "inbound_webhooks_event_id" ON "inbound_webhooks" ("event_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "inbound_webhooks"`);
    await db.query(`DROP TABLE "listing_audits"`);
    await db.query(`DROP TABLE "listing_versions"`);
    await db.query(`DROP TABLE "orders"`);
    await db.query(`DROP TABLE "dispute_events"`);
    await db.query(`DROP TABLE "disputes"`);
  }
}
