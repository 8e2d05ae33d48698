import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The console's only table: its sessions (idle ones are deleted by last_seen_at). */
export class ConsoleSessions1765900000000 implements MigrationInterface {
  name = 'ConsoleSessions1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        key_id uuid NOT NULL,
        role text NOT NULL,
        seller_id text,
        staff_id text,
        sealed_key bytea NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX sessions_last_seen ON sessions (last_seen_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sessions`);
  }
}
