/**
 * Supply incident fan-out (issue 19, Measure): a listing with ORDERS paid-not-shipped orders, DISPUTES of them with an
 * open dispute; the seller declares an incident (POST /v1/supply-incidents on negotiation); the time until every
 * buyer notice (order.buyer_notice_requested), every refund offer (order.refund_offered) and every dispute's proposal
 * (dispute.command.submit_proposal) is on Kafka, seen by a consumer. Baseline in the same run: the outbox relay
 * publishing the same number of events (those very envelopes) from committed outbox rows. Target: at most 3x.
 * negotiation runs as its own process from source (compiled on load by SWC, as escalation-timer's durability test runs
 * it: no build needed), on its own schema and topic prefix, against the real Kafka and Postgres.
 */
import { createEnvelope, EventType, CommandType, Topics, uuidv7, type EventEnvelope } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { createKafka, ensureTopics, OutboxRelay, parseBrokers } from '@settle/messaging';
import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { KafkaTestClient } from '@settle/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Client } from 'pg';
import { freePort } from '../../deploy/infra/kafka';
import { withKeyStore } from '../../deploy/scripts/keys';
import { recordResult } from './report';

const ORDERS = Number(process.env.BENCH_INCIDENT_ORDERS ?? 10_000);
const DISPUTES = Number(process.env.BENCH_INCIDENT_DISPUTES ?? 1_000);
const SEED_BATCH = 1_000;
const RELAY_BATCH = 500;
const TIMEOUT_MS = Number(process.env.BENCH_INCIDENT_TIMEOUT_S ?? 600) * 1_000;

/** When each kind of effect was complete, ms after the declaration was sent. */
interface FanOut {
  notices: number;
  offers: number;
  proposals: number;
  /** The declaration answered 201: its transaction (the incident, every notice and offer in the outbox) committed. */
  declared: number;
  /** The first notice or offer seen on Kafka. */
  firstEffect: number;
  /** The effects as they came off Kafka: the baseline republishes these. */
  envelopes: string[];
}

export async function benchSupplyIncident(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const schema = `bench_incident_${run}`;
  const kafka = new KafkaTestClient(kafkaBrokers, `bench.${run}.`);
  let negotiation: Negotiation | undefined;
  try {
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.DEADLINE_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.ORDER_EVENTS, Topics.DISPUTE_COMMANDS]);
    negotiation = await startNegotiation(databaseUrl, kafkaBrokers, run, schema);
    const sellerId = `S-BENCH-${run}`;
    const sellerKey = await negotiation.createKey(sellerId);
    const listingId = `L-X36-${run}`;
    const seedSeconds = await seed(kafka, databaseUrl, schema, sellerId, listingId);

    const fanOut = await declareAndObserve(kafka, negotiation, sellerKey, listingId);
    await negotiation.stop();
    negotiation = undefined;
    const relaySeconds = await relayBaseline(databaseUrl, kafkaBrokers, run, fanOut.envelopes);

    const incidentSeconds = Math.max(fanOut.notices, fanOut.offers, fanOut.proposals) / 1_000;
    const events = fanOut.envelopes.length;
    recordResult({
      name: 'supply-incident',
      description:
        `an incident on a listing with ${ORDERS.toLocaleString('en-US')} paid-not-shipped orders and ` +
        `${DISPUTES.toLocaleString('en-US')} open disputes: declaration to every notice, offer and proposal on Kafka ` +
        `(${events.toLocaleString('en-US')} events), vs the outbox relay publishing those ${events.toLocaleString('en-US')} events from committed rows`,
      figures: [
        {
          label: 'incident fan-out',
          value: incidentSeconds,
          unit: 's',
          baseline: relaySeconds,
          target: 'ratio <= 3',
        },
      ],
      notes: [
        `declaration committed (201) after ${(fanOut.declared / 1_000).toFixed(2)} s, first effect on Kafka ` +
          `${(fanOut.firstEffect / 1_000).toFixed(2)} s; notices complete after ${(fanOut.notices / 1_000).toFixed(2)} s, ` +
          `offers ${(fanOut.offers / 1_000).toFixed(2)} s, proposals ${(fanOut.proposals / 1_000).toFixed(2)} s; ` +
          `relay ${relaySeconds.toFixed(2)} s for ${events} events`,
        `seeding (listing, ${ORDERS} order.paid, ${DISPUTES} dispute.opened consumed by negotiation): ${seedSeconds.toFixed(1)} s, not measured`,
      ],
    });
  } finally {
    await negotiation?.stop();
    await kafka.close();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_auth" CASCADE`);
    await client.end();
  }
}

interface Negotiation {
  url: string;
  createKey(sellerId: string): Promise<string>;
  stop(): Promise<void>;
}

/** negotiation as a process of its own, from source, ready (GET /health/ready answers 200). */
async function startNegotiation(
  databaseUrl: string,
  kafkaBrokers: string,
  run: string,
  schema: string,
): Promise<Negotiation> {
  const port = await freePort();
  const authSchema = `${schema}_auth`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['apps/escalation-timer/test/launch-ts.js', 'apps/negotiation/src/main.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: kafkaBrokers,
        KAFKA_TOPIC_PREFIX: `bench.${run}.`,
        DB_SCHEMA: schema,
        AUTH_SCHEMA: authSchema,
        LOG_LEVEL: 'warn',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`negotiation exited: ${output}`);
    return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
  }, 'negotiation to be ready');
  return {
    url,
    createKey: async (sellerId) =>
      (
        await withKeyStore(
          databaseUrl,
          (store) => store.create({ role: 'seller', sellerId, label: 'bench supply incident' }),
          authSchema,
        )
      ).key,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The listing, its paid orders and the open disputes, as the marketplace and dispute-intake publish them. */
async function seed(
  kafka: KafkaTestClient,
  databaseUrl: string,
  schema: string,
  sellerId: string,
  listingId: string,
): Promise<number> {
  const started = Date.now();
  const envelope = (type: string, subject: string, data: object, source = 'marketplace'): string =>
    JSON.stringify(createEnvelope({ type, source, subject, sellerId, data }));
  const sample = eventSamples[EventType.LISTING_UPSERTED]();
  await kafka.produce(Topics.LISTING_EVENTS, [
    { key: listingId, value: envelope(EventType.LISTING_UPSERTED, listingId, { ...sample, listingId, sellerId }) },
  ]);
  const skuId = sample.skus[0]?.skuId ?? 'SKU-1';
  const orderIds = Array.from({ length: ORDERS }, (_, n) => `ORD-${listingId}-${n}`);
  const paidAt = new Date().toISOString();
  for (let start = 0; start < ORDERS; start += SEED_BATCH) {
    await kafka.produce(
      Topics.ORDER_EVENTS,
      orderIds.slice(start, start + SEED_BATCH).map((orderId, index) => ({
        key: orderId,
        value: envelope(EventType.ORDER_PAID, orderId, {
          ...eventSamples[EventType.ORDER_PAID](),
          orderId,
          buyerId: `B-${orderId}`,
          sellerId,
          listingId,
          skuId,
          buyerLocale: ['en', 'es', 'fr', 'pt-BR', 'ru'][(start + index) % 5],
          paidAt,
        }),
      })),
    );
  }
  const opened = eventSamples[EventType.DISPUTE_OPENED]();
  const disputes = orderIds.slice(0, DISPUTES).map((orderId) => {
    const disputeId = uuidv7();
    const now = new Date().toISOString();
    return {
      key: disputeId,
      value: JSON.stringify(
        createEnvelope({
          type: EventType.DISPUTE_OPENED,
          source: 'dispute-intake',
          subject: disputeId,
          sellerId,
          aggregateVersion: 1,
          data: {
            ...opened,
            disputeId,
            orderId,
            listingId,
            sellerId,
            buyerId: `B-${orderId}`,
            openedAt: now,
            proposal: { ...opened.proposal, proposalId: uuidv7(), submittedAt: now },
          },
        }),
      ),
    };
  });
  for (let start = 0; start < DISPUTES; start += SEED_BATCH) {
    await kafka.produce(Topics.DISPUTE_EVENTS, disputes.slice(start, start + SEED_BATCH));
  }
  // negotiation has heard of every order and dispute (its projections) before the seller declares.
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await until(async () => {
      const { rows } = await client.query<{ orders: number; disputes: number }>(
        `SELECT (SELECT count(*)::int FROM "${schema}".buyer_orders) AS orders,
                (SELECT count(*)::int FROM "${schema}".dispute_projection) AS disputes`,
      );
      return rows[0]?.orders === ORDERS && rows[0].disputes === DISPUTES;
    }, 'negotiation to hear of every order and dispute');
  } finally {
    await client.end();
  }
  return (Date.now() - started) / 1_000;
}

async function declareAndObserve(
  kafka: KafkaTestClient,
  negotiation: Negotiation,
  sellerKey: string,
  listingId: string,
): Promise<FanOut> {
  const notices = new Set<string>();
  const offers = new Set<string>();
  const proposals = new Set<string>();
  const envelopes: string[] = [];
  const done: Partial<Record<'notices' | 'offers' | 'proposals' | 'firstEffect', number>> = {};
  let read = kafka.received.length;
  const started = Date.now();
  const response = await fetch(`${negotiation.url}/v1/supply-incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sellerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      listingId,
      cause: 'SUPPLIER_FAILED',
      expectedRestockAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
  });
  if (response.status !== 201) throw new Error(`declaration: ${response.status} ${await response.text()}`);
  const declared = Date.now() - started;
  const incidentId = ((await response.json()) as { id: string }).id;
  const observe = () => {
    const now = Date.now() - started;
    for (; read < kafka.received.length; read += 1) {
      const message = kafka.received[read];
      if (!message) break;
      const envelope = JSON.parse(message.value) as EventEnvelope<{ incidentId?: string; orderId?: string }>;
      if (envelope.type === EventType.ORDER_BUYER_NOTICE_REQUESTED && envelope.data.incidentId === incidentId) {
        notices.add(envelope.subject);
      } else if (envelope.type === EventType.ORDER_REFUND_OFFERED && envelope.data.incidentId === incidentId) {
        offers.add(envelope.subject);
      } else if (envelope.type === CommandType.SUBMIT_PROPOSAL) {
        proposals.add(envelope.subject);
      } else {
        continue;
      }
      envelopes.push(message.value);
      done.firstEffect ??= now;
    }
    if (done.notices === undefined && notices.size >= ORDERS) done.notices = now;
    if (done.offers === undefined && offers.size >= ORDERS) done.offers = now;
    if (done.proposals === undefined && proposals.size >= DISPUTES) done.proposals = now;
  };

  await until(
    () => {
      observe();
      return done.notices !== undefined && done.offers !== undefined && done.proposals !== undefined;
    },
    () => `every effect on Kafka (notices ${notices.size}, offers ${offers.size}, proposals ${proposals.size})`,
    20,
  );
  return {
    notices: done.notices ?? NaN,
    offers: done.offers ?? NaN,
    proposals: done.proposals ?? NaN,
    declared,
    firstEffect: done.firstEffect ?? NaN,
    envelopes,
  };
}

/** The outbox relay publishing `envelopes` (the same events, the same sizes) from committed rows: seconds. */
async function relayBaseline(
  databaseUrl: string,
  kafkaBrokers: string,
  run: string,
  envelopes: string[],
): Promise<number> {
  const schema = `bench_incident_relay_${run}`;
  const topic = `bench.${run}.relay`;
  const kafka = createKafka({ brokers: parseBrokers(kafkaBrokers), clientId: 'bench-incident-relay' });
  await ensureTopics(kafka, [topic]);
  const dataSource = await createServiceDataSource({ databaseUrl, schema }).initialize();
  try {
    await runServiceMigrations(dataSource, schema);
    for (let start = 0; start < envelopes.length; start += 1_000) {
      const slice = envelopes.slice(start, start + 1_000).map((value) => JSON.parse(value) as EventEnvelope);
      await dataSource.query(
        `INSERT INTO outbox (id, topic, message_key, headers, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[])`,
        [
          slice.map(() => uuidv7()),
          slice.map(() => topic),
          slice.map((envelope) => envelope.subject),
          slice.map(() => JSON.stringify({ 'content-type': 'application/cloudevents+json' })),
          slice.map((envelope) => JSON.stringify(envelope)),
        ],
      );
    }
    const relay = new OutboxRelay({ databaseUrl, schema, kafka, batchSize: RELAY_BATCH });
    const started = process.hrtime.bigint();
    const published = await relay.drain();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await relay.stop();
    if (published !== envelopes.length) throw new Error(`the relay published ${published} of ${envelopes.length}`);
    return seconds;
  } finally {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  }
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
