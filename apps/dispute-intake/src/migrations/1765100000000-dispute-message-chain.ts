import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispute's messages join its hash chain (docs/DOMAIN.md, "Tamper-evident history"): each link gets its position in
 * the chain (`chain_seq`, shared by events and messages; an existing event's is its version, as its hash was computed
 * with), and messages are kept as links of their own.
 */
export class DisputeMessageChain1765100000000 implements MigrationInterface {
  name = 'DisputeMessageChain1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "dispute_events" ADD "chain_seq" integer`);
    await db.query(`UPDATE "dispute_events" SET "chain_seq" = "version"`);
    await db.query(`ALTER TABLE "dispute_events" ALTER COLUMN "chain_seq" SET NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX "dispute_events_chain" ON "dispute_events" ("dispute_id", "chain_seq")`);
    await db.query(
      `CREATE TABLE "dispute_messages" ("dispute_id" uuid NOT NULL, "chain_seq" integer NOT NULL, "message_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_dispute_messages" PRIMARY KEY ("dispute_id", "chain_seq"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "dispute_messages_message_id" ON "dispute_messages" ("message_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "dispute_messages"`);
    await db.query(`DROP INDEX "dispute_events_chain"`);
    await db.query(`ALTER TABLE "dispute_events" DROP COLUMN "chain_seq"`);
  }
}
