import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in person. The row is found by the SHA-256 of the cookie's token (the token itself is never stored), and
 * holds the API key sealed under a key derived from that token: a copy of the table alone opens no key.
 */
@Entity('sessions')
@Index('sessions_last_seen', ['lastSeenAt'])
export class SessionEntity {
  @PrimaryColumn('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('uuid', { name: 'key_id' })
  keyId!: string;

  @Column('text')
  role!: string;

  @Column('text', { name: 'seller_id', nullable: true })
  sellerId!: string | null;

  @Column('text', { name: 'staff_id', nullable: true })
  staffId!: string | null;

  /** AES-256-GCM: 12-byte IV, 16-byte tag, then the API key. */
  @Column('bytea', { name: 'sealed_key' })
  sealedKey!: Buffer;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt!: Date;
}
