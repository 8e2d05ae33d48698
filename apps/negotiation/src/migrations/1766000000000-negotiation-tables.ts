import type { MigrationInterface, QueryRunner } from 'typeorm';

/** negotiation's own tables: the dispute projection, sent commands, messages, buyer orders and seller webhooks. */
export class NegotiationTables1766000000000 implements MigrationInterface {
  name = 'NegotiationTables1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dispute_projection (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        buyer_id text NOT NULL,
        order_id text NOT NULL,
        listing_id text NOT NULL,
        reason text NOT NULL,
        sub_reason text NOT NULL,
        buyer_locale text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        requested jsonb NOT NULL,
        order_snapshot jsonb NOT NULL,
        proposals jsonb NOT NULL,
        deadlines jsonb NOT NULL,
        resolution jsonb,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dispute_projection_seller_buyer ON dispute_projection (seller_id, buyer_id)`);
    await db.query(`
      CREATE TABLE dispute_commands (
        id uuid PRIMARY KEY,
        dispute_id text NOT NULL,
        type text NOT NULL,
        actor jsonb NOT NULL,
        expected_version integer NOT NULL,
        status text NOT NULL,
        outcome jsonb,
        created_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await db.query(`CREATE INDEX dispute_commands_dispute ON dispute_commands (dispute_id)`);
    await db.query(`
      CREATE TABLE dispute_messages (
        id uuid PRIMARY KEY,
        dispute_id text NOT NULL,
        author_role text NOT NULL,
        author_id text NOT NULL,
        body text NOT NULL,
        locale text,
        attachments jsonb NOT NULL,
        lint jsonb NOT NULL,
        posted_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dispute_messages_dispute ON dispute_messages (dispute_id, id)`);
    await db.query(`
      CREATE TABLE buyer_orders (
        order_id text PRIMARY KEY,
        buyer_id text NOT NULL,
        seller_id text NOT NULL,
        listing_id text NOT NULL,
        amount_minor bigint NOT NULL,
        currency text NOT NULL,
        paid_at timestamptz NOT NULL,
        shipped_at timestamptz,
        delivered_at timestamptz
      )`);
    await db.query(`CREATE INDEX buyer_orders_seller_buyer ON buyer_orders (seller_id, buyer_id)`);
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        seller_id text NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        status text NOT NULL,
        disabled_reason text,
        disabled_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_seller ON webhook_endpoints (seller_id)`);
    await db.query(`
      CREATE TABLE webhook_secrets (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_secrets_endpoint ON webhook_secrets (endpoint_id)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL,
        seller_id text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_status_code integer,
        last_error text,
        replay_of uuid,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (endpoint_id, status, next_attempt_at)`);
    await db.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)`);
    // Attempts in flight (leased): counted per endpoint on every claim, so only they are indexed.
    await db.query(
      `CREATE INDEX webhook_deliveries_leased ON webhook_deliveries (endpoint_id, lease_until) WHERE lease_until IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE webhook_attempts (
        id uuid PRIMARY KEY,
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text
      )`);
    await db.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_secrets',
      'webhook_endpoints',
      'buyer_orders',
      'dispute_messages',
      'dispute_commands',
      'dispute_projection',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
