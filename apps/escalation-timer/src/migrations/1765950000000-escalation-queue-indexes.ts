import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff queue's saved views (one status; the open and claimed ones past due) in due order: with only
 * `escalations_queue (due_at, id)` a view of open cases read every case ruled long ago first (100,000 escalations:
 * p99 90-170 ms, test/bench/console.ts).
 */
export class EscalationQueueIndexes1765950000000 implements MigrationInterface {
  name = 'EscalationQueueIndexes1765950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX escalations_status_queue ON escalations (status, due_at, id)`);
    await db.query(
      `CREATE INDEX escalations_active_queue ON escalations (due_at, id) WHERE status IN ('OPEN', 'CLAIMED')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX escalations_active_queue`);
    await db.query(`DROP INDEX escalations_status_queue`);
  }
}
