import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const ROLES = ['platform', 'seller', 'staff', 'lead'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from the API key on every request. */
export interface Principal {
  keyId: string;
  role: Role;
  /** Set for seller keys: the only seller whose resources this key sees. */
  sellerId?: string;
  /** Staff and lead keys name the staff member (for claims and rulings). */
  staffId?: string;
}

export interface CreatedKey {
  id: string;
  key: string;
  role: Role;
  sellerId?: string;
  staffId?: string;
}

/**
 * Keys are 256 random bits, so a SHA-256 digest is enough to store them (a slow password hash guards
 * low-entropy secrets, which these are not) and lets every request find its key with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(role: Role): string {
  return `stl_${role}_${randomBytes(32).toString('base64url')}`;
}

/** The `auth` schema is owned by libs/platform and read by every service (docs/ARCHITECTURE.md rule 5). */
export async function ensureAuthSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`settle.auth.${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS "${schema}".api_keys (
        id uuid PRIMARY KEY,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform', 'seller', 'staff', 'lead')),
        seller_id text,
        staff_id text,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((role = 'seller') = (seller_id IS NOT NULL))
      )`);
  });
}

export class ApiKeyStore {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    /** Revocation takes effect within this time on every replica. */
    private readonly cacheTtlMs = 10_000,
  ) {}

  async create(input: { role: Role; sellerId?: string; staffId?: string; label?: string }): Promise<CreatedKey> {
    if (input.role === 'seller' && !input.sellerId) throw new Error('a seller key needs --seller-id');
    if (input.role !== 'seller' && input.sellerId) throw new Error('only seller keys are bound to a seller');
    const key = generateApiKey(input.role);
    const id = randomUUID();
    const staffId =
      input.staffId ?? (input.role === 'staff' || input.role === 'lead' ? `staff-${id.slice(0, 8)}` : undefined);
    await this.dataSource.query(
      `INSERT INTO "${this.schema}".api_keys (id, key_hash, key_prefix, role, seller_id, staff_id, label)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, hashApiKey(key), key.slice(0, 16), input.role, input.sellerId ?? null, staffId ?? null, input.label ?? null],
    );
    return { id, key, role: input.role, sellerId: input.sellerId, staffId };
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE "${this.schema}".api_keys SET revoked_at = now() WHERE id = $1`, [id]);
  }

  async resolve(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const rows = await this.dataSource.query<
      { id: string; role: Role; seller_id: string | null; staff_id: string | null }[]
    >(
      `SELECT id, role, seller_id, staff_id FROM "${this.schema}".api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    const principal: Principal | null = row
      ? { keyId: row.id, role: row.role, sellerId: row.seller_id ?? undefined, staffId: row.staff_id ?? undefined }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + this.cacheTtlMs });
    return principal;
  }
}
