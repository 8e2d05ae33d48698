import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables libs/messaging and libs/platform keep in every service's own schema (the schema is the
 * connection's search_path, so the same migration serves every service and every test schema):
 * - outbox: events written in the caller's transaction, removed by the relay once Kafka has them (rule 2);
 * - inbox: ids of handled events, written in the handler's transaction (rule 3);
 * - idempotency_keys: first responses of POSTs sent with an Idempotency-Key (docs/CONTRACT.md).
 */
export class MessagingTables1764000000000 implements MigrationInterface {
  name = 'MessagingTables1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        payload text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Rows stay only until they are published; the relay reads them in seq order.
    await db.query(`CREATE INDEX outbox_seq ON outbox (seq)`);
    // One notification per inserting statement wakes the relay at commit time (NOTIFY is transactional).
    await db.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('settle_outbox_' || current_schema(), '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await db.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await db.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE inbox`);
    await db.query(`DROP TRIGGER outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION outbox_notify()`);
    await db.query(`DROP TABLE outbox`);
  }
}

export function outboxChannel(schema: string): string {
  return `settle_outbox_${schema}`;
}
