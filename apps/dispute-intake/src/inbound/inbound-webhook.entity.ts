import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every inbound webhook accepted, by `webhook-id`: a replayed id is refused. */
@Entity('inbound_webhooks')
@Index('inbound_webhooks_event_id', ['eventId'], { unique: true })
export class InboundWebhookEntity {
  @PrimaryColumn('text', { name: 'webhook_id' })
  webhookId!: string;

  @Column('text', { name: 'event_id' })
  eventId!: string;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;
}
