/**
 * End to end: disputes opened at a steady rate through `POST /v1/disputes`; the time until the seller's
 * webhook endpoint receives the `dispute.opened` delivery (verified with `standardwebhooks`), p50/p99.
 * Baseline in the same run: Kafka's own produce-to-consume latency for messages of the same size at the
 * same rate (a plain producer with acks=all, a plain consumer). The four services run as processes, as
 * `npm start` runs them.
 */
import { createKafka, ensureTopics, parseBrokers } from '@settle/messaging';
import { randomBytes, randomUUID } from 'node:crypto';
import { SettleCluster } from '../e2e/support/settle-cluster';
import { WebhookReceiver } from '../e2e/support/webhook-receiver';
import { disputeRequest } from '../e2e/support/factories';
import { percentile, recordResult } from './report';

const RATE = Number(process.env.BENCH_E2E_RATE ?? 20); // disputes per second
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 30);

export async function benchEndToEnd(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const count = RATE * SECONDS;
  const receiver = new WebhookReceiver();
  const hookUrl = await receiver.start();
  const cluster = await SettleCluster.start('bench', {
    infrastructure: { databaseUrl, kafkaBrokers },
    env: { LOG_LEVEL: 'warn', WEBHOOK_URL_ALLOWLIST: '127.0.0.1' },
  });
  try {
    const platform = await cluster.createKey('platform');
    const sellerId = `S-BENCH-${randomBytes(2).toString('hex')}`;
    const seller = await cluster.createKey('seller', sellerId);
    const endpoint = await cluster.call('negotiation', 'POST', '/v1/webhook-endpoints', {
      key: seller,
      body: { url: hookUrl, eventTypes: ['dispute.opened'] },
    });
    if (endpoint.status !== 201)
      throw new Error(`webhook endpoint: ${endpoint.status} ${JSON.stringify(endpoint.body)}`);
    receiver.useSecret(endpoint.body.secret);

    const sentAt = new Map<string, number>();
    let size = 0;
    await steady(count, RATE, async () => {
      const started = Date.now();
      const response = await cluster.call('dispute-intake', 'POST', '/v1/disputes', {
        key: platform,
        headers: { 'idempotency-key': randomUUID() },
        body: disputeRequest({ sellerId }),
      });
      if (response.status !== 201) throw new Error(`open: ${response.status} ${JSON.stringify(response.body)}`);
      sentAt.set(response.body.id, started);
    });
    await waitUntil(() => receiver.received.length >= count, 120_000);
    const latencies = receiver.received
      .filter((hook) => sentAt.has(hook.event.subject))
      .map((hook) => {
        size = Math.max(size, JSON.stringify(hook.event).length);
        return hook.receivedAt - sentAt.get(hook.event.subject)!;
      })
      .sort((a, b) => a - b);

    const kafka = await kafkaLatencies(kafkaBrokers, count, RATE, size);
    recordResult({
      name: 'end-to-end',
      description: `${count} disputes at ${RATE}/s: POST /v1/disputes to the seller's verified webhook, vs Kafka produce-to-consume of ${size}-byte messages at the same rate`,
      figures: [
        { label: 'p50 open → webhook', value: percentile(latencies, 50), unit: 'ms', baseline: percentile(kafka, 50) },
        { label: 'p99 open → webhook', value: percentile(latencies, 99), unit: 'ms', baseline: percentile(kafka, 99) },
      ],
      notes: [`${latencies.length} of ${count} webhooks received; Kafka baseline ${kafka.length} messages`],
    });
  } finally {
    await cluster.stop();
    await receiver.stop();
  }
}

async function kafkaLatencies(brokers: string, count: number, rate: number, size: number): Promise<number[]> {
  const kafka = createKafka({ brokers: parseBrokers(brokers), clientId: 'bench-e2e-kafka' });
  const topic = `bench.e2e.${randomBytes(3).toString('hex')}`;
  await ensureTopics(kafka, [topic]);
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      latencies.push(Date.now() - Number(message.headers?.['sent-at']?.toString()));
    },
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const padding = 'x'.repeat(size);
  try {
    await steady(count, rate, async (n) => {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: `k-${n}`, value: padding, headers: { 'sent-at': String(Date.now()) } }],
      });
    });
    await waitUntil(() => latencies.length >= count, 60_000);
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
  return latencies.sort((a, b) => a - b);
}

/** Starts `count` operations at `rate` per second, not waiting for one to finish before the next starts. */
async function steady(count: number, rate: number, operation: (n: number) => Promise<void>): Promise<void> {
  const start = Date.now();
  const running: Promise<void>[] = [];
  for (let n = 0; n < count; n += 1) {
    const due = start + (n * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    running.push(operation(n));
  }
  await Promise.all(running);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
