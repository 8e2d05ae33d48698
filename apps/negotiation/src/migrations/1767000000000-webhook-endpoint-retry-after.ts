import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An endpoint that failed is not tried again before `retry_after` (the earliest retry its failed deliveries were
 * given), and then with one delivery at a time until one succeeds: its other due deliveries wait instead of each
 * failing in turn and taking the dispatcher's time from healthy endpoints.
 */
export class WebhookEndpointRetryAfter1767000000000 implements MigrationInterface {
  name = 'WebhookEndpointRetryAfter1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_endpoints ADD COLUMN retry_after timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_endpoints DROP COLUMN retry_after`);
  }
}
