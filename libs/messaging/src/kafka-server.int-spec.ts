import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { createEnvelope, dlqTopic } from '@settle/contracts';
import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { eventually, isolatedEnvironment, KafkaTestClient, type TestEnvironment } from '@settle/testing';
import { strictCloudEvent } from '@settle/testing/cloudevents';
import type { DataSource } from 'typeorm';
import { currentCorrelationId } from './context';
import { Inbox } from './inbox';
import { createKafka, parseBrokers } from './kafka';
import {
  DLQ_HEADERS,
  KafkaErrorPassthroughFilter,
  SettleKafkaServer,
  type ConsumedMessage,
  type HandlerExtras,
} from './kafka-server';

const TOPIC = 'settle.test.payments.v1';

/** What the test handler saw, shared with the test through module scope. */
const seen: { id: string; correlationId?: string; attempt: number }[] = [];
let inbox: Inbox;

@Controller()
class PaymentsConsumer {
  // The handler reads payment.received only: any other type on the topic is skipped by its event-type header.
  @EventPattern(TOPIC, { types: ['payment.received'] } satisfies HandlerExtras)
  async handle(
    @Payload() message: ConsumedMessage<{ account: string; poison?: boolean; slowMs?: number }>,
  ): Promise<void> {
    const attempt = seen.filter((entry) => entry.id === message.envelope.id).length + 1;
    seen.push({ id: message.envelope.id, correlationId: currentCorrelationId(), attempt });
    if (message.envelope.data.slowMs) {
      // A handler longer than the session timeout stays in the group by heartbeating.
      const until = Date.now() + message.envelope.data.slowMs;
      while (Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await message.heartbeat();
      }
    }
    if (message.envelope.data.poison) throw new Error(`cannot apply payment ${message.envelope.id}`);
    await inbox.handleOnce(message.envelope, async (manager) => {
      await manager.query(`UPDATE accounts SET credits = credits + 1 WHERE id = $1`, [message.envelope.data.account]);
    });
  }
}

@Module({ controllers: [PaymentsConsumer] })
class PaymentsModule {}

describe('consumer wrapper: inbox, retries and DLQ (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  let kafkaClient: KafkaTestClient;
  let microservice: INestMicroservice;
  let server: SettleKafkaServer;

  beforeAll(async () => {
    environment = await isolatedEnvironment('consumer');
    dataSource = await createServiceDataSource({
      databaseUrl: environment.databaseUrl,
      schema: environment.schema,
    }).initialize();
    await runServiceMigrations(dataSource, environment.schema);
    await dataSource.query(`CREATE TABLE accounts (id text PRIMARY KEY, credits integer NOT NULL DEFAULT 0)`);
    await dataSource.query(`INSERT INTO accounts (id) VALUES ('acc-1'), ('acc-2')`);
    inbox = new Inbox(dataSource, 'payments-spec');
    kafkaClient = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafkaClient.watch([TOPIC, dlqTopic(TOPIC)]);
    server = new SettleKafkaServer({
      kafka: createKafka({ brokers: parseBrokers(environment.kafkaBrokers), clientId: 'consumer-spec' }),
      groupId: `${environment.topicPrefix}payments`,
      topicPrefix: environment.topicPrefix,
      retry: { attempts: 3, initialBackoffMs: 20, maxBackoffMs: 100 },
      // The broker's minimum, so the long-handler test below stays short.
      sessionTimeoutMs: 6_000,
    });
    microservice = await NestFactory.createMicroservice(PaymentsModule, { logger: false, strategy: server });
    microservice.useGlobalFilters(new KafkaErrorPassthroughFilter());
    await microservice.listen();
  });

  afterAll(async () => {
    await microservice.close();
    await kafkaClient.close();
    await dataSource.destroy();
    await environment.cleanup();
  });

  const payment = (account: string, extra: Record<string, unknown> = {}, correlationId?: string) =>
    createEnvelope({
      type: 'payment.received',
      source: 'spec',
      subject: account,
      data: { account, ...extra },
      correlationId,
    });

  it('applies an event delivered twice only once, in the handler’s correlation context', async () => {
    const event = payment('acc-1', {}, 'corr-dup-1');
    const value = JSON.stringify(event);
    await kafkaClient.produce(TOPIC, [{ key: 'acc-1', value }]);
    await kafkaClient.produce(TOPIC, [{ key: 'acc-1', value }]);
    await eventually(() => seen.filter((entry) => entry.id === event.id).length === 2, { what: 'both deliveries' });
    const [{ credits }] = await dataSource.query(`SELECT credits FROM accounts WHERE id = 'acc-1'`);
    expect(credits).toBe(1);
    expect(seen.find((entry) => entry.id === event.id)?.correlationId).toBe('corr-dup-1');
  });

  it('sends a message whose handler always fails to the DLQ after the retries, then goes on with the partition', async () => {
    const poison = payment('acc-2', { poison: true });
    const next = payment('acc-2');
    // The poison one as a producer without the CloudEvents binding's header wrote it (before issue 13).
    await kafkaClient.produce(TOPIC, [
      { key: 'acc-2', value: JSON.stringify(poison), headers: { 'x-producer': 'plain-json' } },
      { key: 'acc-2', value: JSON.stringify(next) },
    ]);
    const dead = await kafkaClient.waitForMessage(dlqTopic(TOPIC), (m) => m.value.includes(poison.id));
    // On the DLQ too, an envelope is a structured-mode CloudEvent the SDK accepts in strict mode.
    expect(dead.headers['content-type']).toBe('application/cloudevents+json');
    expect(strictCloudEvent(dead).id).toBe(poison.id);
    expect(dead.headers[DLQ_HEADERS.error]).toBe(`cannot apply payment ${poison.id}`);
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('3');
    expect(dead.headers[DLQ_HEADERS.originalTopic]).toBe(`${environment.topicPrefix}${TOPIC}`);
    expect(dead.key).toBe('acc-2');
    expect(seen.filter((entry) => entry.id === poison.id)).toHaveLength(3);
    await eventually(
      async () => {
        const [{ credits }] = await dataSource.query(`SELECT credits FROM accounts WHERE id = 'acc-2'`);
        return credits === 1;
      },
      { what: 'the message after the poison one' },
    );
  });

  it('sends a message that is not a valid envelope straight to the DLQ with the reason', async () => {
    await kafkaClient.produce(TOPIC, [{ key: 'acc-1', value: '{"type":"payment.received","data":{}}' }]);
    const dead = await kafkaClient.waitForMessage(dlqTopic(TOPIC), (m) => m.value.includes('"data":{}'));
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('0');
    expect(dead.headers[DLQ_HEADERS.error]).toMatch(/id|specversion|source/);
  });

  it('skips, unparsed, a message whose event-type header names a type the handler does not read, then goes on', async () => {
    const other = { ...payment('acc-1'), type: 'payment.refunded' };
    const next = payment('acc-1');
    const headers = (type: string) => ({ 'content-type': 'application/cloudevents+json', 'event-type': type });
    await kafkaClient.produce(TOPIC, [
      { key: 'acc-1', value: JSON.stringify(other), headers: headers('payment.refunded') },
      // Not even an envelope: not this handler's to judge, so not dead-lettered by it either.
      { key: 'acc-1', value: 'skipped-unparsed', headers: headers('payment.refunded') },
      { key: 'acc-1', value: JSON.stringify(next), headers: headers('payment.received') },
    ]);
    // One key, one partition: once the last one is handled, the two before it were consumed.
    await eventually(() => seen.some((entry) => entry.id === next.id), { what: 'the message after the skipped ones' });
    expect(seen.some((entry) => entry.id === other.id)).toBe(false);
    const dead = kafkaClient.received.filter((m) => m.topic === dlqTopic(TOPIC));
    expect(dead.some((m) => m.value.includes('skipped-unparsed') || m.value.includes(other.id))).toBe(false);
  });

  it('keeps its partitions through a handler longer than the session timeout, which heartbeats', async () => {
    await eventually(() => server.rebalances >= 1, { what: 'the first group join' });
    const joinsBefore = server.rebalances;
    const slow = payment('acc-1', { slowMs: 9_000 });
    const after = payment('acc-1');
    await kafkaClient.produce(TOPIC, [
      { key: 'acc-1', value: JSON.stringify(slow) },
      { key: 'acc-1', value: JSON.stringify(after) },
    ]);
    await eventually(() => seen.some((entry) => entry.id === after.id), {
      timeoutMs: 30_000,
      what: 'the message after the slow one',
    });
    expect(seen.filter((entry) => entry.id === slow.id)).toHaveLength(1);
    expect(server.rebalances).toBe(joinsBefore);
  }, 60_000);
});
