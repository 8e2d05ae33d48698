/**
 * Intake: sustained `POST /v1/disputes` at a fixed concurrency (rate, p50, p99), against `pgbench` doing the same
 * durable work (one dispute row plus one outbox row per transaction, same client count) on the same database in
 * the same run. Target (issue 4): ratio at least 0.5, p99 under 50 ms at that rate. The service runs as `npm start`
 * runs it, a process from dist/ (tsx cannot emit the decorator metadata Nest injects by): build first.
 */
import { uuidv7 } from '@settle/contracts';
import { ApiKeyStore, createServiceDataSource, ensureAuthSchema } from '@settle/platform';
import { eventually } from '@settle/testing';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceEntry } from '../../deploy/scripts/services';
import { percentile, recordResult } from './report';

const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

function body(n: number) {
  const shippedAt = new Date(Date.now() - 12 * 86_400_000).toISOString();
  return {
    orderId: `BENCH-${n}-${randomBytes(4).toString('hex')}`,
    buyerId: 'B-BENCH',
    sellerId: 'S-BENCH',
    listingId: 'L-BENCH',
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'QUANTITY_SHORT',
    requested: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
    description: 'The lot had 6 pendants, not 10.',
    evidence: [{ kind: 'PHOTO', url: 'https://img.example.com/lot.jpg' }],
    buyerLocale: 'fr-FR',
    order: {
      amount: { amountMinor: 999, currency: 'USD' },
      paidAt: new Date(Date.now() - 13 * 86_400_000).toISOString(),
      shippedAt,
      promisedDeliveryDays: 20,
      buyerCountry: 'FR',
      sellerCountry: 'CN',
    },
  };
}

export async function benchIntake(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const schema = `bench_intake_${run}`;
  const port = 3400 + Math.floor(Math.random() * 500);
  const authSchema = `${schema}_auth`;
  const child = spawn('node', [serviceEntry('dispute-intake')], {
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
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await eventually(async () => (await fetch(`${baseUrl}/health/ready`)).ok, {
    timeoutMs: 60_000,
    what: 'dispute-intake',
  });
  const dataSource = await createServiceDataSource({ databaseUrl, schema }).initialize();
  await ensureAuthSchema(dataSource, authSchema);
  const key = (await new ApiKeyStore(dataSource, authSchema).create({ role: 'platform' })).key;
  let counter = 0;
  const post = async (): Promise<number> => {
    counter += 1;
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}/v1/disputes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      body: JSON.stringify(body(counter)),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`POST /v1/disputes answered ${response.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  for (let n = 0; n < 100; n += 1) await post(); // warm-up: JIT, connection pool, key cache
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) latencies.push(await post());
    }),
  );
  const httpSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  // The same durable work in pgbench: a real dispute row and a real event payload from this run, per transaction.
  const [sample] = await dataSource.query<{ state: unknown; opened: unknown; data: unknown }[]>(
    `SELECT d.state, d.opened, e.data FROM disputes d JOIN dispute_events e ON e.dispute_id = d.id LIMIT 1`,
  );
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const literal = (value: unknown) => `'${JSON.stringify(value).replace(/'/g, "''")}'`;
  const script = [
    'BEGIN;',
    `INSERT INTO disputes (id, order_id, buyer_id, seller_id, listing_id, status, version, opened_at, updated_at, state, opened) VALUES (gen_random_uuid(), gen_random_uuid()::text, 'B-BENCH', 'S-BENCH', 'L-BENCH', 'AWAITING_SELLER', 1, now(), now(), ${literal(sample.state)}::jsonb, ${literal(sample.opened)}::jsonb);`,
    `INSERT INTO outbox (id, topic, message_key, headers, payload) VALUES (gen_random_uuid(), 'bench', gen_random_uuid()::text, '{}'::jsonb, ${literal({ data: sample.data })});`,
    'END;',
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'settle-pgbench-')), 'intake.sql');
  writeFileSync(file, `${script}\n`);
  const output = execFileSync(
    PGBENCH,
    ['-n', '-f', file, '-c', String(CONCURRENCY), '-j', '2', '-T', String(SECONDS), databaseUrl],
    { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` }, encoding: 'utf8' },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
  const pgLatency = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? NaN);

  await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await dataSource.query(`DROP SCHEMA IF EXISTS "${authSchema}" CASCADE`);
  await dataSource.destroy();

  latencies.sort((a, b) => a - b);
  const rate = latencies.length / httpSeconds;
  recordResult({
    name: 'intake',
    description: `POST /v1/disputes at concurrency ${CONCURRENCY} for ${SECONDS} s (dispute row, hash-chained event, outbox row, idempotency key), vs pgbench with ${CONCURRENCY} clients doing one dispute row + one outbox row per transaction`,
    figures: [
      { label: 'disputes opened/s', value: rate, unit: 'req/s', baseline: tps, target: 'ratio >= 0.5' },
      { label: 'p50 latency', value: percentile(latencies, 50), unit: 'ms' },
      { label: 'p99 latency', value: percentile(latencies, 99), unit: 'ms', target: '< 50 ms' },
    ],
    notes: [
      `${latencies.length} disputes in ${httpSeconds.toFixed(1)} s; pgbench ${tps.toFixed(0)} tps, average latency ${pgLatency} ms`,
    ],
  });
}
