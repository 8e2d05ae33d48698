import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A seller's webhook endpoint. Deleted endpoints keep their row (deliveries log) with `deletedAt`. */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_seller', ['sellerId'])
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text')
  url!: string;

  @Column('text', { name: 'event_types', array: true })
  eventTypes!: string[];

  @Column('text')
  status!: string;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason!: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince!: Date | null;

  /** After a failure, not tried before this instant, then one delivery at a time until one succeeds. */
  @Column('timestamptz', { name: 'retry_after', nullable: true })
  retryAfter!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}

/** A signing secret; after a rotation the old one signs too until `expiresAt`. */
@Entity({ name: 'webhook_secrets' })
@Index('webhook_secrets_endpoint', ['endpointId'])
export class WebhookSecretEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId!: string;

  @Column('text')
  secret!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;
}

/** One event for one endpoint: its id is the `webhook-id` of every attempt. */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_due', ['endpointId', 'status', 'nextAttemptAt'])
@Index('webhook_deliveries_endpoint', ['endpointId', 'createdAt'])
@Index('webhook_deliveries_leased', ['endpointId', 'leaseUntil'], { where: 'lease_until IS NOT NULL' })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId!: string;

  @Column('text', { name: 'seller_id' })
  sellerId!: string;

  @Column('text', { name: 'event_id' })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('text')
  payload!: string;

  @Column('text')
  status!: string;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;

  @Column('integer', { name: 'last_status_code', nullable: true })
  lastStatusCode!: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('uuid', { name: 'replay_of', nullable: true })
  replayOf!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}

/** The deliveries log: one row per attempt. */
@Entity({ name: 'webhook_attempts' })
@Index('webhook_attempts_delivery', ['deliveryId', 'attempt'])
export class WebhookAttemptEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId!: string;

  @Column('integer')
  attempt!: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('integer', { name: 'duration_ms' })
  durationMs!: number;

  @Column('integer', { name: 'status_code', nullable: true })
  statusCode!: number | null;

  @Column('text', { nullable: true })
  error!: string | null;
}
