import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files and preserved URLs, each a link of the dispute's hash chain (DisputeEvidenceEntity). */
export class DisputeEvidence1765200000000 implements MigrationInterface {
  name = 'DisputeEvidence1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "dispute_evidence" ("dispute_id" uuid NOT NULL, "chain_seq" integer NOT NULL, "evidence_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "prev_hash" text NOT NULL, "hash" text NOT NULL, "preserved" boolean NOT NULL, "object_key" text, "thumbnail_key" text, "stored_bytes" bigint NOT NULL, CONSTRAINT "PK_dispute_evidence" PRIMARY KEY ("dispute_id", "chain_seq"))`,
    );
    await db.query(`CREATE UNIQUE INDEX "dispute_evidence_evidence_id" ON "dispute_evidence" ("evidence_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "dispute_evidence"`);
  }
}
