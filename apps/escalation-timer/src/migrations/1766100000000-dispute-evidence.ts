import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The evidence recorded on each dispute (`evidence.added`), for the evidence checklist of reminders and predictions. */
export class DisputeEvidence1766100000000 implements MigrationInterface {
  name = 'DisputeEvidence1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dispute_evidence (
        evidence_id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL,
        kind text NOT NULL,
        added_by_role text NOT NULL,
        added_by_id text NOT NULL,
        added_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dispute_evidence_dispute ON dispute_evidence (dispute_id, added_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dispute_evidence`);
  }
}
