/**
 * Outbox relay throughput: events per second published from committed outbox rows, against a bare
 * kafkajs idempotent producer sending the same messages (same sizes, same batch size) in the same run.
 * Target (issue 3): ratio at least 0.5. Run with `npm run bench` (it starts Kafka and Postgres).
 */
import { createEnvelope } from '@settle/contracts';
import { createKafka, ensureTopics, OutboxRelay, parseBrokers } from '@settle/messaging';
import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { randomBytes } from 'node:crypto';
import { recordResult } from './report';

const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 50_000);
const BATCH = 500;

export async function benchOutbox(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const schema = `bench_outbox_${run}`;
  const kafka = createKafka({ brokers: parseBrokers(kafkaBrokers), clientId: 'bench-outbox' });
  const relayTopic = `bench.${run}.relay`;
  const bareTopic = `bench.${run}.bare`;
  await ensureTopics(kafka, [relayTopic, bareTopic]);
  const dataSource = await createServiceDataSource({ databaseUrl, schema }).initialize();
  await runServiceMigrations(dataSource, schema);

  const envelopes = Array.from({ length: EVENTS }, (_, n) =>
    createEnvelope({
      type: 'dispute.opened',
      source: 'bench',
      subject: `dispute-${n % 1_000}`,
      data: { disputeId: `dispute-${n % 1_000}`, status: 'AWAITING_SELLER', version: 1, note: 'x'.repeat(300) },
    }),
  );

  // Committed outbox rows, as services leave them (1,000 per transaction to load them quickly).
  for (let start = 0; start < EVENTS; start += 1_000) {
    const slice = envelopes.slice(start, start + 1_000);
    await dataSource.query(
      `INSERT INTO outbox (id, topic, message_key, headers, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[])`,
      [
        slice.map((e) => e.id),
        slice.map(() => relayTopic),
        slice.map((e) => e.subject),
        slice.map((e) => JSON.stringify({ 'correlation-id': e.correlationid, 'event-type': e.type })),
        slice.map((e) => JSON.stringify(e)),
      ],
    );
  }

  const relay = new OutboxRelay({ databaseUrl, schema, kafka, batchSize: BATCH });
  const relayStart = process.hrtime.bigint();
  const published = await relay.drain();
  const relaySeconds = Number(process.hrtime.bigint() - relayStart) / 1e9;
  await relay.stop();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const bareStart = process.hrtime.bigint();
  for (let start = 0; start < EVENTS; start += BATCH) {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: bareTopic,
          messages: envelopes.slice(start, start + BATCH).map((e) => ({
            key: e.subject,
            value: JSON.stringify(e),
            headers: { 'correlation-id': e.correlationid, 'event-type': e.type },
          })),
        },
      ],
    });
  }
  const bareSeconds = Number(process.hrtime.bigint() - bareStart) / 1e9;
  await producer.disconnect();
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();

  recordResult({
    name: 'outbox',
    description: `${EVENTS.toLocaleString('en-US')} committed outbox rows (~0.6 KB each) published by the relay, batches of ${BATCH}, vs a bare kafkajs idempotent producer`,
    figures: [
      {
        label: 'relay events/s',
        value: published / relaySeconds,
        unit: 'events/s',
        baseline: EVENTS / bareSeconds,
        target: 'ratio >= 0.5',
      },
    ],
    notes: [`relay ${relaySeconds.toFixed(2)} s for ${published} events; bare producer ${bareSeconds.toFixed(2)} s`],
  });
}
