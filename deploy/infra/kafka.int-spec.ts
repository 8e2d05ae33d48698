/**
 * The local single-node Kafka is a real broker: a topic is created, a message goes through it, and after stop() and a
 * fresh start on the same data the topic is still there.
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

describe('local Kafka (KRaft, single node)', () => {
  let node: KafkaNode | undefined;

  afterAll(async () => {
    await node?.stop();
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
      expect(metadata.partitions).toHaveLength(1);
    } finally {
      await again.disconnect();
    }
  });
});
