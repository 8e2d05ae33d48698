import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supply incidents (issue 19), the disputes' side: a dispute row is queued (PENDING) in the transaction that finds the
 * dispute, and sent in bounded batches (SENT, with its command id) by the proposal worker; `outcome` follows the
 * dispute afterwards (AGREED, WITHDRAWN, CLOSED), `message_id` is the withdrawal request posted once the owner applied
 * the proposal, `attempts` counts proposals refused as stale (the projection trailed the owner) and sent again.
 * An order's `refund_accepted_at` is the marketplace's order.refund_accepted.
 */
export class SupplyIncidentProposals1768100000000 implements MigrationInterface {
  name = 'SupplyIncidentProposals1768100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE supply_incident_disputes ADD COLUMN outcome text NOT NULL DEFAULT 'OPEN'`);
    await db.query(`ALTER TABLE supply_incident_disputes ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
    await db.query(`ALTER TABLE supply_incident_disputes ADD COLUMN proposal_id text`);
    await db.query(`ALTER TABLE supply_incident_disputes ADD COLUMN message_id uuid`);
    await db.query(`ALTER TABLE supply_incident_disputes ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(
      `CREATE INDEX supply_incident_disputes_pending ON supply_incident_disputes (queued_at) WHERE state = 'PENDING'`,
    );
    await db.query(`CREATE INDEX supply_incident_disputes_command ON supply_incident_disputes (command_id)`);
    await db.query(`ALTER TABLE supply_incident_orders ADD COLUMN refund_accepted_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE supply_incident_orders DROP COLUMN refund_accepted_at`);
    await db.query(`DROP INDEX supply_incident_disputes_command`);
    await db.query(`DROP INDEX supply_incident_disputes_pending`);
    await db.query(`ALTER TABLE supply_incident_disputes DROP COLUMN queued_at`);
    await db.query(`ALTER TABLE supply_incident_disputes DROP COLUMN message_id`);
    await db.query(`ALTER TABLE supply_incident_disputes DROP COLUMN proposal_id`);
    await db.query(`ALTER TABLE supply_incident_disputes DROP COLUMN attempts`);
    await db.query(`ALTER TABLE supply_incident_disputes DROP COLUMN outcome`);
  }
}
