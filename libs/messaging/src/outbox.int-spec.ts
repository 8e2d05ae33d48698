import { parseEnvelope, required } from '@settle/contracts';
import { strictCloudEvent } from '@settle/testing/cloudevents';
import { eventually, isolatedEnvironment, KafkaTestClient, type TestEnvironment } from '@settle/testing';
import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import type { DataSource } from 'typeorm';
import { runWithContext } from './context';
import { Inbox } from './inbox';
import { createKafka, parseBrokers } from './kafka';
import { Outbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

const TOPIC = 'settle.test.widgets.v1';

describe('transactional outbox (real Postgres and Kafka)', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  let kafkaClient: KafkaTestClient;
  let outbox: Outbox;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('outbox');
    dataSource = await createServiceDataSource({
      databaseUrl: environment.databaseUrl,
      schema: environment.schema,
    }).initialize();
    await runServiceMigrations(dataSource, environment.schema);
    await dataSource.query(`CREATE TABLE widgets (id text PRIMARY KEY, applied integer NOT NULL DEFAULT 0)`);
    kafkaClient = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafkaClient.watch([TOPIC]);
    outbox = new Outbox('outbox-spec', environment.topicPrefix);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    await kafkaClient.close();
    await dataSource.destroy();
    await environment.cleanup();
  });

  function relay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const created = new OutboxRelay({
      databaseUrl: environment.databaseUrl,
      schema: environment.schema,
      kafka: createKafka({ brokers: parseBrokers(environment.kafkaBrokers), clientId: 'relay-spec' }),
      ...options,
    });
    relays.push(created);
    return created;
  }

  async function commitWidget(id: string, data: Record<string, unknown> = {}) {
    return dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO widgets (id) VALUES ($1) ON CONFLICT DO NOTHING`, [id]);
      const [envelope] = await outbox.append(manager, [
        { topic: TOPIC, type: 'widget.created', subject: id, data: { id, ...data } },
      ]);
      return required(envelope, 'the appended envelope');
    });
  }

  const published = (eventId: string) =>
    kafkaClient.received.filter((message) => message.topic === TOPIC && parseEnvelope(message.value).id === eventId);

  it('publishes an event committed with its state, keyed by the aggregate, with the correlation id in headers', async () => {
    const envelope = await runWithContext({ correlationId: 'corr-outbox-1' }, () => commitWidget('w-committed'));
    await relay().drain();
    const message = await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === envelope.id);
    expect(message.key).toBe('w-committed');
    expect(message.headers['correlation-id']).toBe('corr-outbox-1');
    expect(message.headers['event-type']).toBe('widget.created');
    expect(parseEnvelope(message.value)).toMatchObject({
      subject: 'w-committed',
      correlationid: 'corr-outbox-1',
      specversion: '1.0',
    });
  });

  it("publishes CloudEvents in the Kafka binding's structured mode that the cloudevents SDK accepts in strict mode", async () => {
    const envelope = await runWithContext({ correlationId: 'corr-outbox-ce', causationId: 'cause-ce' }, () =>
      dataSource.transaction(async (manager) => {
        const [written] = await outbox.append(manager, [
          {
            topic: TOPIC,
            type: 'widget.created',
            subject: 'w-ce',
            data: { n: 1 },
            sellerId: 'S-1',
            aggregateVersion: 2,
          },
        ]);
        return required(written, 'the appended envelope');
      }),
    );
    await relay().drain();
    const message = await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === envelope.id);
    expect(message.headers['content-type']).toBe('application/cloudevents+json');
    const event = strictCloudEvent(message);
    expect(event).toMatchObject({
      id: envelope.id,
      type: 'widget.created',
      subject: 'w-ce',
      sellerid: 'S-1',
      correlationid: 'corr-outbox-ce',
      causationid: 'cause-ce',
      aggregateversion: 2,
      data: { n: 1 },
    });
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    let rolledBackId = '';
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO widgets (id) VALUES ('w-rolled-back')`);
        const [rolledBack] = await outbox.append(manager, [
          { topic: TOPIC, type: 'widget.created', subject: 'w-rb', data: {} },
        ]);
        rolledBackId = required(rolledBack, 'the appended envelope').id;
        throw new Error('the business rule refused it');
      }),
    ).rejects.toThrow('the business rule refused it');
    // A later event on the same key (same partition) proves the relay ran past the point where it would have been.
    const sentinel = await commitWidget('w-rb');
    await relay().drain();
    await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === sentinel.id);
    expect(published(rolledBackId)).toHaveLength(0);
    expect(await dataSource.query(`SELECT 1 FROM outbox WHERE id = $1`, [rolledBackId])).toHaveLength(0);
    expect(await dataSource.query(`SELECT 1 FROM widgets WHERE id = 'w-rolled-back'`)).toHaveLength(0);
  });

  it('re-publishes the same event id after a crash between publish and marking; the inbox applies it once', async () => {
    const envelope = await commitWidget('w-crash');
    const crashing = relay({
      afterPublish: async () => {
        throw new Error('relay killed after Kafka acknowledged the batch');
      },
    });
    await expect(crashing.drain()).rejects.toThrow('relay killed');
    expect(await dataSource.query(`SELECT 1 FROM outbox WHERE id = $1`, [envelope?.id])).toHaveLength(1);

    await relay().drain();
    await eventually(() => published(envelope.id).length === 2, { what: 'the redelivery' });

    const inbox = new Inbox(dataSource, 'widget-projector');
    for (const message of published(envelope.id)) {
      await inbox.handleOnce(parseEnvelope(message.value), async (manager) => {
        await manager.query(`UPDATE widgets SET applied = applied + 1 WHERE id = 'w-crash'`);
      });
    }
    const [{ applied }] = await dataSource.query(`SELECT applied FROM widgets WHERE id = 'w-crash'`);
    expect(applied).toBe(1);
  });

  it('keeps per-key order across batches and across two relay replicas, publishing each event once', async () => {
    const keys = ['order-a', 'order-b', 'order-c'];
    // Many small transactions from concurrent writers, interleaving the three keys.
    await Promise.all(
      keys.map(async (key) => {
        for (let n = 0; n < 60; n += 1) await commitWidget(key, { n });
      }),
    );
    relay({ batchSize: 25, pollIntervalMs: 50 });
    relay({ batchSize: 25, pollIntervalMs: 50 });
    await Promise.all(relays.map((r) => r.start()));
    await eventually(() => keys.every((key) => sequence(key).length >= 60), {
      timeoutMs: 30_000,
      what: 'all 180 events',
    });
    for (const key of keys) expect(sequence(key)).toEqual(Array.from({ length: 60 }, (_, n) => n));

    function sequence(key: string): number[] {
      return kafkaClient.received
        .filter((m) => m.topic === TOPIC && m.key === key)
        .map((m) => (parseEnvelope(m.value).data as { n?: number }).n)
        .filter((n): n is number => n !== undefined);
    }
  });

  it('publishes a row that commits after a later-numbered row was already published (seq is not commit order)', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [early] = await outbox.append(runner.manager, [
      { topic: TOPIC, type: 'widget.created', subject: 'w-late', data: { id: 'w-late' } },
    ]);
    if (!early) throw new Error('no envelope appended');
    // A later transaction takes a higher seq and commits first; the relay publishes it.
    const later = await commitWidget('w-later');
    await relay().drain();
    await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === later.id);
    // The early transaction commits now, behind a row already published: it must still go out.
    await runner.commitTransaction();
    await runner.release();
    await relay().drain();
    await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === early.id);
  });

  it('is woken by NOTIFY at commit, not by its (here one-minute) fallback poll', async () => {
    const woken = relay({ pollIntervalMs: 60_000 });
    await woken.start();
    await eventually(async () => (await dataSource.query(`SELECT 1 FROM outbox`)).length === 0);
    const envelope = await commitWidget('w-notify');
    await kafkaClient.waitForMessage(TOPIC, (m) => parseEnvelope(m.value).id === envelope.id, 10_000);
  });
});
