/**
 * Seller webhooks: deliveries per second from negotiation's Postgres queue to local receivers while 10% of the
 * endpoints are sick (half refuse connections, half accept and never answer, so each holds its requests for the
 * whole 15 s timeout), and the p99 latency (enqueued → received) of the healthy endpoints at a steady feed.
 * Baseline in the same run: the same workload with every endpoint healthy. Targets (issue 5): at least 1,000
 * deliveries/s, p99 ratio at most 1.2. The receivers run in a worker thread, so they do not share the
 * dispatcher's event loop.
 */
import { TransactionRunner } from '@settle/messaging';
import { required, uuidv7 } from '@settle/contracts';
import { Clock, createServiceDataSource, loadConfig, runServiceMigrations } from '@settle/platform';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { NegotiationConfig } from '../../apps/negotiation/src/config/negotiation.config';
import { NegotiationService } from '../../apps/negotiation/src/service';
import { UrlGuard } from '../../apps/negotiation/src/webhooks/url-guard';
import { WebhookDispatcher } from '../../apps/negotiation/src/webhooks/webhook-dispatcher';
import { WebhookQueue } from '../../apps/negotiation/src/webhooks/webhook-queue.service';
import { WebhookDeliveriesRepository } from '../../apps/negotiation/src/webhooks/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from '../../apps/negotiation/src/webhooks/webhook-endpoints.repository';
import type { NewDelivery } from '../../apps/negotiation/src/webhooks/webhook.model';
import { percentile, recordResult } from './report';

const ENDPOINTS = Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 100);
const BACKLOG = Number(process.env.BENCH_WEBHOOK_DELIVERIES ?? 20_000);
const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 400); // deliveries per second, latency phase
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
const SICK_SHARE = 0.1;
const ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 4); // p99s are whole ms of a 10 s phase: rounds average the noise

/** Receivers in a worker thread: path /ok/<n> answers 204, /hang/<n> never answers; reports receipts in batches. */
const RECEIVER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
let batch = [];
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.url.startsWith('/hang/')) return;
    batch.push([request.headers['webhook-id'], Date.now()]);
    response.statusCode = 204;
    response.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
setInterval(() => { if (batch.length) { parentPort.postMessage({ received: batch }); batch = []; } }, 20);
parentPort.on('message', (message) => { if (message === 'stop') { server.closeAllConnections(); server.close(() => process.exit(0)); } });
`;

interface Scenario {
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  healthyDelivered: number;
}

export async function benchWebhooks(databaseUrl: string, _kafkaBrokers: string): Promise<void> {
  // Rounds alternate the two workloads, so a busy moment on a shared machine weighs on both alike.
  const sickRounds: Scenario[] = [];
  const healthyRounds: Scenario[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    sickRounds.push(await runScenario(databaseUrl, Math.round(ENDPOINTS * SICK_SHARE)));
    healthyRounds.push(await runScenario(databaseUrl, 0));
  }
  const sick = mean(sickRounds);
  const healthy = mean(healthyRounds);
  recordResult({
    name: 'webhooks',
    description:
      `${ENDPOINTS} endpoints on local receivers, ${Math.round(SICK_SHARE * 100)}% sick (half refusing connections, ` +
      `half hanging until the 15 s timeout); throughput on a ${BACKLOG.toLocaleString('en-US')}-delivery backlog, ` +
      `latency at a steady ${RATE}/s for ${SECONDS} s; baseline: every endpoint healthy; mean of ${ROUNDS} alternating rounds`,
    figures: [
      {
        label: 'deliveries/s (10% sick)',
        value: sick.deliveriesPerSecond,
        unit: 'deliveries/s',
        baseline: healthy.deliveriesPerSecond,
        target: '>= 1,000/s',
      },
      {
        label: 'healthy p99 latency (10% sick)',
        value: sick.p99,
        unit: 'ms',
        baseline: healthy.p99,
        target: 'ratio <= 1.2',
      },
    ],
    notes: [
      ...sickRounds.map((scenario, round) => {
        const baseline = required(healthyRounds[round], 'the healthy round alternating with this one');
        return (
          `round ${round + 1}: 10% sick ${scenario.deliveriesPerSecond.toFixed(0)}/s p50 ${scenario.p50} ms p99 ${scenario.p99} ms; ` +
          `all healthy ${baseline.deliveriesPerSecond.toFixed(0)}/s p50 ${baseline.p50} ms p99 ${baseline.p99} ms`
        );
      }),
    ],
  });
}

function mean(rounds: Scenario[]): Scenario {
  const average = (pick: (scenario: Scenario) => number) =>
    rounds.reduce((sum, scenario) => sum + pick(scenario), 0) / rounds.length;
  return {
    deliveriesPerSecond: average((scenario) => scenario.deliveriesPerSecond),
    p50: average((scenario) => scenario.p50),
    p99: average((scenario) => scenario.p99),
    healthyDelivered: average((scenario) => scenario.healthyDelivered),
  };
}

async function runScenario(databaseUrl: string, sickCount: number): Promise<Scenario> {
  const schema = `bench_webhooks_${randomBytes(3).toString('hex')}`;
  const dataSource = await createServiceDataSource({
    databaseUrl,
    schema,
    entities: NegotiationService.entities,
    migrations: NegotiationService.migrations,
    poolSize: 20,
  }).initialize();
  await runServiceMigrations(dataSource, schema);
  // The healthy endpoints and the hanging ones live on different receivers, as they would on different hosts.
  const received = new Map<string, number>();
  const [receiver, hangingReceiver] = [
    new Worker(RECEIVER_SOURCE, { eval: true }),
    new Worker(RECEIVER_SOURCE, { eval: true }),
  ];
  const [port, hangingPort] = await Promise.all(
    [receiver, hangingReceiver].map(
      (worker) =>
        new Promise<number>((resolve) => {
          worker.on('message', (message: { port?: number; received?: [string, number][] }) => {
            if (message.port) resolve(message.port);
            for (const [id, at] of message.received ?? []) received.set(id, at);
          });
        }),
    ),
  );
  const endpoints = await createEndpoints(
    dataSource,
    required(port, 'the receiver port'),
    required(hangingPort, 'the hanging receiver port'),
    sickCount,
  );
  const config = loadConfig(NegotiationConfig, {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: '127.0.0.1:9092',
    WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
    WEBHOOK_POLL_MS: '20',
    WEBHOOK_CONCURRENCY: process.env.BENCH_WEBHOOK_CONCURRENCY ?? '128',
    WEBHOOK_ENDPOINT_CONCURRENCY: '4',
  });
  const clock = new Clock();
  const repository = new WebhookDeliveriesRepository(dataSource);
  const endpointsRepository = new WebhookEndpointsRepository(dataSource);
  const transactions = new TransactionRunner(dataSource);
  const queue = new WebhookQueue(endpointsRepository, repository, clock, config);
  const dispatcher = new WebhookDispatcher(
    endpointsRepository,
    repository,
    transactions,
    queue,
    new UrlGuard(config),
    config,
    clock,
  );
  const healthyIds = endpoints.filter((endpoint) => endpoint.healthy).map((endpoint) => endpoint.id);
  const all = endpoints.map((endpoint) => endpoint.id);
  try {
    dispatcher.onApplicationBootstrap();

    // Throughput: a backlog spread over every endpoint, drained as fast as the dispatcher goes.
    const backlog = deliveries(all, BACKLOG);
    await insert(transactions, repository, backlog);
    const started = Date.now();
    queue.wake();
    const healthyBacklog = backlog.filter((delivery) => healthyIds.includes(delivery.endpointId));
    await until(() => healthyBacklog.every((delivery) => received.has(delivery.id)), 300_000);
    const deliveriesPerSecond = healthyBacklog.length / ((Date.now() - started) / 1000);

    // Latency: a steady feed to the healthy endpoints (the sick ones keep holding their slots meanwhile).
    const enqueuedAt = new Map<string, number>();
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
    const feedUntil = Date.now() + SECONDS * 1000;
    while (Date.now() < feedUntil) {
      const tick = Date.now();
      const batch = deliveries(all, perTick);
      await insert(transactions, repository, batch);
      const at = Date.now();
      for (const delivery of batch) if (healthyIds.includes(delivery.endpointId)) enqueuedAt.set(delivery.id, at);
      queue.wake();
      await sleep(Math.max(0, tickMs - (Date.now() - tick)));
    }
    await until(() => [...enqueuedAt.keys()].every((id) => received.has(id)), 120_000);
    const latencies = [...enqueuedAt.entries()].map(([id, at]) => received.get(id)! - at).sort((a, b) => a - b);
    return {
      deliveriesPerSecond,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      healthyDelivered: healthyBacklog.length + latencies.length,
    };
  } finally {
    await dispatcher.onApplicationShutdown();
    receiver.postMessage('stop');
    hangingReceiver.postMessage('stop');
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  }
}

async function createEndpoints(dataSource: DataSource, port: number, hangingPort: number, sickCount: number) {
  const endpoints = Array.from({ length: ENDPOINTS }, (_, n) => {
    const sick = n < sickCount;
    // Half the sick ones refuse connections (port 9 is closed), half accept and never answer.
    const url = !sick
      ? `http://127.0.0.1:${port}/ok/${n}`
      : n % 2 === 0
        ? `http://127.0.0.1:9/dead/${n}`
        : `http://127.0.0.1:${hangingPort}/hang/${n}`;
    return { id: uuidv7(), sellerId: `S-BENCH-${n}`, url, healthy: !sick };
  });
  const now = new Date();
  for (const endpoint of endpoints) {
    await dataSource.query(
      `INSERT INTO webhook_endpoints (id, seller_id, url, event_types, status, created_at) VALUES ($1, $2, $3, $4, 'ACTIVE', $5)`,
      [endpoint.id, endpoint.sellerId, endpoint.url, ['*'], now],
    );
    await dataSource.query(
      `INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES ($1, $2, $3, $4)`,
      [uuidv7(), endpoint.id, `whsec_${randomBytes(32).toString('base64')}`, now],
    );
  }
  return endpoints;
}

const PAYLOAD = JSON.stringify({ type: 'dispute.opened', note: 'x'.repeat(600) });

function deliveries(endpointIds: string[], count: number): NewDelivery[] {
  const now = new Date();
  return Array.from({ length: count }, (_, n) => ({
    id: uuidv7(),
    endpointId: required(
      endpointIds[(n * 7919 + Math.floor(Math.random() * 1_000_000)) % endpointIds.length],
      'an endpoint',
    ),
    sellerId: 'S-BENCH',
    eventId: uuidv7(),
    eventType: 'dispute.opened',
    payload: PAYLOAD,
    nextAttemptAt: now,
    createdAt: now,
  }));
}

async function insert(
  transactions: TransactionRunner,
  repository: WebhookDeliveriesRepository,
  rows: NewDelivery[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) {
    await transactions.run((tx) => repository.insertDeliveries(tx, rows.slice(start, start + 2_000)));
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('webhooks bench: timed out waiting for deliveries');
    await sleep(20);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
