/**
 * The local single-node Kafka is a real broker: a topic is created, a message goes through it, and after stop() and a
 * fresh start on the same data the topic is still there. A start never borrows another broker: two starts at once
 * on the same preferred ports get two brokers, each the one answering on its own address.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureTopics } from '@settle/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, portAnswers, REPO_ROOT, startKafka, type KafkaNode } from './kafka';

jest.setTimeout(120_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function describeCluster(brokers: string): Promise<{ clusterId: string; brokers: number }> {
  const admin = new Kafka({ clientId: 'infra-spec', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { clusterId: cluster.clusterId, brokers: cluster.brokers.length };
  } finally {
    await admin.disconnect();
  }
}

describe('local Kafka (KRaft, single node)', () => {
  let node: KafkaNode | undefined;
  const raced: KafkaNode[] = [];

  afterAll(async () => {
    await Promise.all([node?.stop(), ...raced.map((each) => each.stop())]);
  });

  it('carries a message, stops cleanly and comes back with its data', async () => {
    // Start from nothing, so the first start formats storage and the second one must find it.
    fs.rmSync(path.join(REPO_ROOT, '.cache', 'kafka', 'data-infra-spec'), { recursive: true, force: true });
    const port = await freePort();
    const controllerPort = await freePort();
    node = await startKafka({ name: 'infra-spec', port, controllerPort });
    expect(node.brokers).toBe(`127.0.0.1:${port}`);

    const topic = `infra-spec-${Date.now()}`;
    const kafka = new Kafka({ clientId: 'infra-spec', brokers: [node.brokers], logLevel: logLevel.NOTHING });
    // A freshly formatted broker answers "does not host this topic-partition" for a moment after creating a topic.
    await ensureTopics(kafka, [topic], 1);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'dispute-1', value: 'hello settle' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<{ key: string; value: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within 60 s')), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
        },
      });
    });
    await consumer.disconnect();
    expect(received).toEqual({ key: 'dispute-1', value: 'hello settle' });

    const { pid, dataDir } = node;
    await node.stop();
    await node.stop(); // idempotent
    expect(isAlive(pid)).toBe(false);
    expect(await portAnswers(port)).toBe(false);
    expect(await portAnswers(controllerPort)).toBe(false);

    node = await startKafka({ name: 'infra-spec', port, controllerPort });
    expect(node.dataDir).toBe(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'broker.log'), 'utf8')).not.toContain('kafka-storage format');
    expect(node.pid).not.toBe(pid);
    const again = kafka.admin();
    await again.connect();
    try {
      expect(await again.listTopics()).toContain(topic);
      const [metadata] = (await again.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(1);
    } finally {
      await again.disconnect();
    }
  });

  it('gives two starts at once on the same preferred ports two brokers, each verified, and refuses a taken port', async () => {
    await node?.stop();
    const preferredPort = await freePort();
    let preferredControllerPort: number;
    do preferredControllerPort = await freePort();
    while (preferredControllerPort === preferredPort);
    for (const name of ['infra-race-a', 'infra-race-b']) {
      fs.rmSync(path.join(REPO_ROOT, '.cache', 'kafka', `data-${name}`), { recursive: true, force: true });
    }
    const starts = await Promise.allSettled(
      ['infra-race-a', 'infra-race-b'].map((name) => startKafka({ name, preferredPort, preferredControllerPort })),
    );
    for (const start of starts) if (start.status === 'fulfilled') raced.push(start.value);
    expect(starts.map((start) => start.status)).toEqual(['fulfilled', 'fulfilled']);
    const [a, b] = raced;
    if (!a || !b) throw new Error('both brokers should have started');
    expect(a.brokers).not.toBe(b.brokers);
    expect([a.brokers, b.brokers]).toContain(`127.0.0.1:${preferredPort}`);
    expect(a.clusterId).not.toBe(b.clusterId);
    for (const started of raced) {
      expect(isAlive(started.pid)).toBe(true);
      expect(await describeCluster(started.brokers)).toEqual({ clusterId: started.clusterId, brokers: 1 });
    }

    // A required port held by another broker: a clear refusal, and that broker is left alone.
    const takenPort = Number(a.brokers.split(':')[1]);
    await expect(startKafka({ name: 'infra-race-c', port: takenPort })).rejects.toThrow(
      `Kafka client port 127.0.0.1:${takenPort} is already in use`,
    );
    expect(await describeCluster(a.brokers)).toEqual({ clusterId: a.clusterId, brokers: 1 });
  });
});
