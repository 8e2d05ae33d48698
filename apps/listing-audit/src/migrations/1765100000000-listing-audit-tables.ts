import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Listing versions, audits and the NOT_AS_DESCRIBED disputes the feedback loop counts (issue 7). */
export class ListingAuditTables1765100000000 implements MigrationInterface {
  name = 'ListingAuditTables1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE listing_versions (
        id uuid NOT NULL,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        version integer NOT NULL,
        listing jsonb NOT NULL,
        content_hash text NOT NULL,
        valid_from timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT listing_versions_pkey PRIMARY KEY (id),
        CONSTRAINT listing_versions_listing_version UNIQUE (listing_id, version)
      )`);
    await db.query(`CREATE INDEX listing_versions_seller ON listing_versions (seller_id, listing_id, version)`);
    await db.query(`CREATE INDEX listing_versions_valid_from ON listing_versions (listing_id, valid_from)`);
    await db.query(
      `CREATE INDEX listing_versions_images ON listing_versions USING gin ((listing -> 'images') jsonb_path_ops)`,
    );
    await db.query(`
      CREATE TABLE listing_audits (
        id uuid NOT NULL,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        listing_version integer NOT NULL,
        trigger text NOT NULL,
        verdict text NOT NULL,
        score integer NOT NULL,
        findings jsonb NOT NULL,
        dispute_id uuid,
        audited_at timestamptz NOT NULL,
        CONSTRAINT listing_audits_pkey PRIMARY KEY (id)
      )`);
    await db.query(`CREATE INDEX listing_audits_history ON listing_audits (listing_id, audited_at, id)`);
    await db.query(`
      CREATE TABLE dispute_signals (
        dispute_id uuid NOT NULL,
        listing_id text NOT NULL,
        seller_id text NOT NULL,
        sub_reason text NOT NULL,
        description text NOT NULL,
        opened_at timestamptz NOT NULL,
        CONSTRAINT dispute_signals_pkey PRIMARY KEY (dispute_id)
      )`);
    await db.query(`CREATE INDEX dispute_signals_listing ON dispute_signals (listing_id, opened_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dispute_signals`);
    await db.query(`DROP TABLE listing_audits`);
    await db.query(`DROP TABLE listing_versions`);
  }
}
