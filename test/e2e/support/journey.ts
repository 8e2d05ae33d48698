import { createEnvelope, Topics, type EventEnvelope } from '@settle/contracts';
import { eventually, KafkaTestClient } from '@settle/testing';
import { strictCloudEvent } from '@settle/testing/cloudevents';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { disputeRequest, type DisputeRequestOptions } from './factories';
import { FRESH_CONNECTION, SettleCluster, type ClusterOptions } from './settle-cluster';
import { WebhookReceiver } from './webhook-receiver';

/** Deadlines in seconds instead of days (docs/ARCHITECTURE.md, "Tests"): every clock of docs/DOMAIN.md, shrunk. */
export const JOURNEY_POLICY = {
  sellerResponse: 'PT10S',
  reminderLead: 'PT5S',
  platformIntervention: 'PT25S',
  buyerEscalateFrom: 'PT2S',
  buyerEscalateUntil: 'PT10M',
  returnShipment: 'PT8S',
  returnReceipt: 'PT12S',
  staffRulingSla: 'PT2M',
};

export interface Seller {
  sellerId: string;
  key: string;
  hooks: WebhookReceiver;
}

/**
 * The users of Settle as a journey sees them: the marketplace backend (platform key, signed inbound webhook),
 * sellers (keys and a webhook endpoint each), staff and leads; and a plain Kafka consumer of every topic.
 */
export class Journeys {
  readonly kafka: KafkaTestClient;
  platform = '';
  staff = '';
  lead = '';
  private readonly receivers: WebhookReceiver[] = [];

  private constructor(
    readonly cluster: SettleCluster,
    private readonly inboundSecret: string,
  ) {
    this.kafka = new KafkaTestClient(cluster.kafkaBrokers, cluster.topicPrefix);
  }

  /**
   * `cluster` adds environment for every service (`env`), picks another Kafka/Postgres (`infrastructure`) or also runs
   * the console (`console`).
   */
  static async start(
    label: string,
    policy: Partial<typeof JOURNEY_POLICY> = {},
    cluster: Pick<ClusterOptions, 'env' | 'infrastructure' | 'console'> = {},
  ): Promise<Journeys> {
    const inboundSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const settle = await SettleCluster.start(label, {
      infrastructure: cluster.infrastructure,
      console: cluster.console,
      policy: { ...JOURNEY_POLICY, ...policy },
      env: {
        INBOUND_WEBHOOK_SECRET: inboundSecret,
        WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
        WEBHOOK_RETRY_SCHEDULE: 'PT0S,PT1S,PT2S,PT5S',
        AUDIT_IMAGES: 'off',
        PARTY_ACTION_WAIT_MS: '5000',
        ...cluster.env,
      },
    });
    const journeys = new Journeys(settle, inboundSecret);
    journeys.platform = await settle.createKey('platform');
    journeys.staff = await settle.createKey('staff');
    journeys.lead = await settle.createKey('lead');
    await journeys.kafka.watch([
      Topics.DISPUTE_EVENTS,
      Topics.DISPUTE_COMMANDS,
      Topics.DEADLINE_EVENTS,
      Topics.LISTING_EVENTS,
      Topics.MESSAGE_EVENTS,
      Topics.ORDER_EVENTS,
    ]);
    return journeys;
  }

  /** A seller with a key and a webhook endpoint subscribed to everything, verified on arrival. */
  async seller(): Promise<Seller> {
    const sellerId = `S-${randomBytes(3).toString('hex').toUpperCase()}`;
    const key = await this.cluster.createKey('seller', sellerId);
    const hooks = new WebhookReceiver();
    this.receivers.push(hooks);
    const url = await hooks.start();
    const endpoint = await this.cluster.call('negotiation', 'POST', '/v1/webhook-endpoints', {
      key,
      body: { url, eventTypes: ['*'] },
    });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    hooks.useSecret(endpoint.body.secret);
    return { sellerId, key, hooks };
  }

  /** The marketplace opens a dispute for a buyer; resolves once negotiation knows it too. */
  async open(seller: Seller, options: Omit<DisputeRequestOptions, 'sellerId'> = {}): Promise<string> {
    const response = await this.cluster.call('dispute-intake', 'POST', '/v1/disputes', {
      key: this.platform,
      headers: { 'idempotency-key': randomUUID() },
      body: disputeRequest({ sellerId: seller.sellerId, ...options }),
    });
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    await this.knownToNegotiation(id, seller);
    return id;
  }

  async knownToNegotiation(id: string, seller: Seller): Promise<void> {
    await eventually(
      async () =>
        (await this.cluster.call('negotiation', 'GET', `/v1/disputes/${id}/proposals`, { key: seller.key })).status ===
        200,
      { timeoutMs: 30_000, what: `negotiation to learn of dispute ${id}` },
    );
  }

  async dispute(id: string): Promise<any> {
    const response = await this.cluster.call('dispute-intake', 'GET', `/v1/disputes/${id}`, { key: this.platform });
    expect(response.status).toBe(200);
    return response.body;
  }

  async waitStatus(id: string, status: string, timeoutMs = 40_000): Promise<any> {
    let last = '';
    return eventually(
      async () => {
        const dispute = await this.dispute(id);
        last = dispute.status;
        return dispute.status === status ? dispute : undefined;
      },
      { timeoutMs, intervalMs: 200, what: `dispute ${id} to be ${status} (last seen ${last})` },
    );
  }

  /** A party action through negotiation; answers with the applied result (200) or 202 and the command to poll. */
  async act(key: string, path: string, body: unknown = {}): Promise<any> {
    const response = await this.cluster.call('negotiation', 'POST', path, { key, body });
    if (response.status === 202) {
      return eventually(
        async () => {
          const command = await this.cluster.call('negotiation', 'GET', response.headers.get('location')!, { key });
          return command.body.status === 'PENDING' ? undefined : command.body;
        },
        { timeoutMs: 30_000, what: `the command behind ${path}` },
      );
    }
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The dispute's events on Kafka, in order. */
  disputeEvents(id: string): EventEnvelope[] {
    return this.kafka.events(Topics.DISPUTE_EVENTS).filter((event) => event.subject === id);
  }

  async waitForEvent(topic: string, type: string, subject: string, timeoutMs = 40_000): Promise<EventEnvelope> {
    return eventually(
      () => this.kafka.events(topic).find((event) => event.type === type && event.subject === subject),
      { timeoutMs, what: `${type} for ${subject} on ${topic}` },
    );
  }

  /**
   * Nothing lost, nothing doubled: the outbox publishes at least once, so Kafka may carry the same event twice
   * (same id, same content) after a crash between publish and delete; consumers' inboxes absorb it. Distinct
   * events are versions 1..n of the dispute, each once.
   */
  expectEachEventOnce(id: string): string[] {
    const byId = new Map<string, EventEnvelope>();
    for (const event of this.disputeEvents(id).filter((e) => e.type !== 'dispute.command_rejected')) {
      const seen = byId.get(event.id);
      if (seen) expect(event).toEqual(seen);
      else byId.set(event.id, event);
    }
    const events = [...byId.values()].sort((a, b) => (a.aggregateversion ?? 0) - (b.aggregateversion ?? 0));
    expect(events.map((event) => event.aggregateversion)).toEqual(events.map((_, index) => index + 1));
    return events.map((event) => event.type);
  }

  /** The marketplace feeds an event through the signed inbound webhook (Standard Webhooks). */
  async inbound(type: string, subject: string, data: Record<string, unknown>, sellerId?: string): Promise<void> {
    const envelope = createEnvelope({ type, source: 'marketplace', subject, sellerId, data });
    const body = JSON.stringify(envelope);
    const webhookId = `msg_${randomUUID()}`;
    const now = new Date();
    const signature = new Webhook(this.inboundSecret).sign(webhookId, now, body);
    const response = await fetch(`${this.cluster.url('dispute-intake')}/v1/inbound/marketplace`, {
      method: 'POST',
      headers: {
        ...FRESH_CONNECTION,
        'content-type': 'application/json',
        'webhook-id': webhookId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
    expect(response.status).toBeLessThan(300);
  }

  /**
   * Every message consumed so far, on every watched topic, read with the `cloudevents` SDK's Kafka binding in strict
   * mode; returns how many. A refusal names the topic, offset and the SDK's reason.
   */
  expectStrictCloudEvents(): number {
    const refused: string[] = [];
    for (const message of this.kafka.received) {
      try {
        strictCloudEvent(message);
      } catch (error) {
        refused.push(`${message.topic}@${message.partition}:${message.offset}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
    return this.kafka.received.length;
  }

  async stop(): Promise<void> {
    await this.kafka.close();
    await Promise.all(this.receivers.map((receiver) => receiver.stop()));
    await this.cluster.stop();
  }
}
