import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * escalation-timer's tables. Deadlines are rows (docs/ARCHITECTURE.md rule 7): the claimer reads the partial index of
 * pending rows by `fire_at` (the next instant a row needs it: its reminder, then its due time). A statement-level
 * trigger NOTIFYs the earliest new `fire_at` when rows are inserted, or moved earlier, so every replica re-arms its
 * in-process timer without polling.
 */
export class EscalationTimerTables1765100000000 implements MigrationInterface {
  name = 'EscalationTimerTables1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL,
        kind text NOT NULL,
        party text NOT NULL,
        status text NOT NULL,
        due_at timestamptz,
        remaining_ms bigint,
        remind_at timestamptz,
        reminded_at timestamptz,
        fire_at timestamptz,
        based_on_version integer NOT NULL,
        dispute_version integer NOT NULL,
        seller_id text,
        proposal_id uuid,
        replaces_deadline_id uuid,
        adjustments jsonb NOT NULL,
        scheduled_at timestamptz NOT NULL,
        fired_at timestamptz,
        command_id uuid,
        cancelled_at timestamptz,
        cancel_reason text
      )`);
    await db.query(`CREATE INDEX deadlines_due ON deadlines (fire_at) WHERE status = 'PENDING'`);
    await db.query(`CREATE INDEX deadlines_dispute ON deadlines (dispute_id)`);
    await db.query(
      `CREATE UNIQUE INDEX deadlines_one_live_per_kind ON deadlines (dispute_id, kind) WHERE status IN ('PENDING', 'PAUSED')`,
    );
    await db.query(`
      CREATE FUNCTION deadlines_notify_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE earliest timestamptz;
      BEGIN
        SELECT min(fire_at) INTO earliest FROM new_rows WHERE status = 'PENDING';
        IF earliest IS NOT NULL THEN
          PERFORM pg_notify('settle_deadlines_' || current_schema(), floor(extract(epoch FROM earliest) * 1000)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER deadlines_notify_insert AFTER INSERT ON deadlines
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deadlines_notify_insert()`);
    await db.query(`
      CREATE FUNCTION deadlines_notify_update() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE earliest timestamptz;
      BEGIN
        SELECT min(n.fire_at) INTO earliest FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.status = 'PENDING' AND (o.status <> 'PENDING' OR o.fire_at IS NULL OR n.fire_at < o.fire_at);
        IF earliest IS NOT NULL THEN
          PERFORM pg_notify('settle_deadlines_' || current_schema(), floor(extract(epoch FROM earliest) * 1000)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER deadlines_notify_update AFTER UPDATE ON deadlines
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deadlines_notify_update()`);

    await db.query(`
      CREATE TABLE dispute_projections (
        dispute_id uuid PRIMARY KEY,
        order_id text NOT NULL,
        buyer_id text NOT NULL,
        seller_id text NOT NULL,
        listing_id text NOT NULL,
        reason text NOT NULL,
        sub_reason text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        opened_at timestamptz NOT NULL,
        buyer_proposal_id uuid,
        seller_first_responded_at timestamptz,
        seller_responded_within boolean,
        escalated_at timestamptz,
        resolution jsonb,
        opened jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dispute_projections_seller ON dispute_projections (seller_id, opened_at)`);
    await db.query(`CREATE INDEX dispute_projections_order ON dispute_projections (order_id)`);

    await db.query(`
      CREATE TABLE order_tracking (
        order_id text PRIMARY KEY,
        status text,
        status_at timestamptz,
        delivered_at timestamptz,
        proof jsonb,
        carrier text,
        tracking_number text,
        updated_at timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE dispute_messages (
        message_id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL,
        author_role text NOT NULL,
        author_id text NOT NULL,
        body text NOT NULL,
        posted_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dispute_messages_dispute ON dispute_messages (dispute_id, posted_at)`);

    await db.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        dispute_id uuid NOT NULL,
        seller_id text NOT NULL,
        status text NOT NULL,
        cause text NOT NULL,
        escalated_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        overdue_flagged_at timestamptz,
        claimed_by text,
        claimed_at timestamptz,
        ruling jsonb,
        ruling_submitted_by text,
        ruling_submitted_at timestamptz,
        ruled_by text,
        ruled_at timestamptz,
        closed_at timestamptz,
        agreed_after_escalation boolean NOT NULL,
        history jsonb NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX escalations_dispute ON escalations (dispute_id)`);
    await db.query(`CREATE INDEX escalations_queue ON escalations (due_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE escalations`);
    await db.query(`DROP TABLE dispute_messages`);
    await db.query(`DROP TABLE order_tracking`);
    await db.query(`DROP TABLE dispute_projections`);
    await db.query(`DROP TRIGGER deadlines_notify_update ON deadlines`);
    await db.query(`DROP TRIGGER deadlines_notify_insert ON deadlines`);
    await db.query(`DROP FUNCTION deadlines_notify_update()`);
    await db.query(`DROP FUNCTION deadlines_notify_insert()`);
    await db.query(`DROP TABLE deadlines`);
  }
}

export function deadlinesChannel(schema: string): string {
  return `settle_deadlines_${schema}`;
}
