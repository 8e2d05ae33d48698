/**
 * Intake: sustained `POST /v1/disputes` at a fixed concurrency (rate, p50, p99), against `pgbench` doing the same
 * durable work (one dispute row plus one outbox row per transaction, same client count) on the same database in
 * the same run. Target (issue 4): ratio at least 0.5, p99 under 50 ms at that rate. The service runs as `npm start`
 * runs it, a process from dist/ (tsx cannot emit the decorator metadata Nest injects by): build first.
 *
 * Fairness, on a small shared machine:
 * - the HTTP load comes from a process of its own (intake-load.ts, Node's keep-alive http client), never from the
 *   measuring process; pgbench is its own process too (`-j 2` threads);
 * - both sides get the same client count (BENCH_INTAKE_CONCURRENCY connections / pgbench clients);
 * - the two are measured in alternating rounds (BENCH_INTAKE_ROUNDS, default 3, of BENCH_INTAKE_SECONDS / rounds
 *   each), so a neighbour's burst of load falls on both rather than on one;
 * - pgbench writes into copies of the service's tables (same columns, indexes and outbox trigger) in a schema of
 *   its own, so the service's outbox relay, idle meanwhile, never publishes pgbench's rows;
 * - every figure says what it is: the service's per-request work is the dispute row, its first hash-chained event,
 *   the outbox row and the Idempotency-Key record (all committed together), plus validation, the lifecycle's
 *   checks, the listing lookup and the JSON response; pgbench's is the two INSERTs and the commit.
 * - the service runs as BENCH_INTAKE_WORKERS processes (its WEB_CONCURRENCY; see WORKERS below), and the report
 *   says how many; its CPU is summed over all of them;
 * - the whole machine's busy CPU per HTTP request and per pgbench transaction (from /proc/stat, so Postgres, Kafka,
 *   the load generator and pgbench itself count) shows what the shared cores allow each side.
 * - the ceiling: in the same rounds, the service's own opening code (DisputeOpeningService and its repository: the
 *   same two statements, rows, hash chain, outbox relay and response) behind plain node:http, with no Nest, Express,
 *   request logging or validation (intake-bare.ts), in a schema and topic prefix of its own. Its ratio to pgbench is
 *   what any Node.js service doing this durable work reaches on this machine; the service's ratio to it is the cost
 *   of the framework and the request checks.
 * BENCH_INTAKE_NODE_ARGS passes flags to the service's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; with several
 * workers each writes its own profile), BENCH_INTAKE_ENTRY another build of the service (default dist/).
 */
import { required } from '@settle/contracts';
import { ApiKeyStore, createServiceDataSource, ensureAuthSchema } from '@settle/platform';
import { eventually } from '@settle/testing';
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceEntry } from '../../deploy/scripts/services';
import { percentile, recordResult } from './report';

const CONCURRENCY = Number(process.env.BENCH_INTAKE_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const ROUNDS = Math.max(1, Number(process.env.BENCH_INTAKE_ROUNDS ?? 3));
/**
 * A discarded round on each side before the measured ones (BENCH_INTAKE_WARMUP_SECONDS). 10 s: after 3 s the
 * service's first measured round still ran about 15% below the later ones (its optimized code and heap not settled).
 */
const WARM_UP_SECONDS = Math.max(1, Number(process.env.BENCH_INTAKE_WARMUP_SECONDS ?? 10));
/**
 * Processes serving the service (its WEB_CONCURRENCY): 1 by default, as `npm start` runs it. Services are stateless
 * replicas (docs/ARCHITECTURE.md), so N workers on one port is a deployment like N pods; the report says how many ran.
 */
const WORKERS = Number(process.env.BENCH_INTAKE_WORKERS ?? 1);
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
/** Extra node flags for the service process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it. */
const NODE_ARGS = (process.env.BENCH_INTAKE_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** The service's entry point: dist/ by default (as `npm start` runs it); another build's for profiling. */
const ENTRY = process.env.BENCH_INTAKE_ENTRY ?? serviceEntry('dispute-intake');

/** CPU time (ms, user and system) a process and its child processes (the workers of a cluster) have used so far (Linux). */
function cpuMsOf(pid: number | undefined): { user: number; system: number } {
  try {
    const [, after = ''] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
    const fields = after.split(' ');
    const total = { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 }; // ticks of 10 ms (USER_HZ 100)
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
    for (const child of children) {
      const used = cpuMsOf(Number(child));
      total.user += used.user;
      total.system += used.system;
    }
    return total;
  } catch {
    return { user: NaN, system: NaN };
  }
}

/** Busy CPU time (ms) of the whole machine so far, from /proc/stat (every core, all but idle and iowait). */
function machineBusyMs(): number {
  try {
    const [first = ''] = readFileSync('/proc/stat', 'utf8').split('\n');
    const [, ...ticks] = first.trim().split(/\s+/).map(Number);
    const [user = NaN, nice = NaN, system = NaN, , , irq = NaN, softirq = NaN, steal = NaN] = ticks;
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return NaN;
  }
}

interface LoadRound {
  latencies: number[];
  seconds: number;
  cpuMs: number;
}

/** Sends one message to the load generator and waits for the answer carrying `field`. */
function ask<T>(load: ChildProcess, message: unknown, field: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Record<string, unknown>) => {
      if (reply.error) {
        load.off('message', onMessage);
        reject(new Error(JSON.stringify(reply.error)));
      } else if (field in reply) {
        load.off('message', onMessage);
        resolve(reply[field] as T);
      }
    };
    load.on('message', onMessage);
    if (message !== null) load.send(message as object);
  });
}

export async function benchIntake(databaseUrl: string, kafkaBrokers: string): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const schema = `bench_intake_${run}`;
  const port = 3400 + Math.floor(Math.random() * 500);
  const authSchema = `${schema}_auth`;
  const child = spawn('node', [...NODE_ARGS, ENTRY], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `bench.${run}.`,
      DB_SCHEMA: schema,
      AUTH_SCHEMA: authSchema,
      LOG_LEVEL: 'warn',
      WEB_CONCURRENCY: String(WORKERS),
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
  const load = startLoad(baseUrl, key);
  await warmUp(load);

  // The ceiling: the same opening behind plain node:http (intake-bare.ts), in a schema and topic prefix of its own.
  const barePort = port + 500;
  const bare = fork(join(__dirname, 'intake-bare.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `bench.${run}.bare.`,
      DB_SCHEMA: `${schema}_bare`,
      PORT: String(barePort),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await ask(bare, null, 'ready');
  const bareLoad = startLoad(`http://127.0.0.1:${barePort}`, key);
  await warmUp(bareLoad);

  // pgbench's copy of the tables: same columns, defaults, indexes and outbox trigger, in a schema of its own.
  const pgSchema = `${schema}_pgbench`;
  await dataSource.query(`CREATE SCHEMA "${pgSchema}"`);
  for (const table of ['disputes', 'outbox']) {
    await dataSource.query(`CREATE TABLE "${pgSchema}".${table} (LIKE "${schema}".${table} INCLUDING ALL)`);
  }
  await dataSource.query(
    `CREATE TRIGGER outbox_notify AFTER INSERT ON "${pgSchema}".outbox
     FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".outbox_notify()`,
  );
  // The same durable work in pgbench: a real dispute row and a real event payload from this service, per transaction.
  const [found] = await dataSource.query<{ state: unknown; opened: unknown; data: unknown }[]>(
    `SELECT d.state, d.opened, e.data FROM disputes d JOIN dispute_events e ON e.dispute_id = d.id LIMIT 1`,
  );
  const sample = required(found, 'a dispute opened by the warm-up');
  const literal = (value: unknown) => `'${JSON.stringify(value).replace(/'/g, "''")}'`;
  const script = [
    'BEGIN;',
    `INSERT INTO disputes (id, order_id, buyer_id, seller_id, listing_id, status, version, opened_at, updated_at, state, opened) VALUES (gen_random_uuid(), gen_random_uuid()::text, 'B-BENCH', 'S-BENCH', 'L-BENCH', 'AWAITING_SELLER', 1, now(), now(), ${literal(sample.state)}::jsonb, ${literal(sample.opened)}::jsonb);`,
    `INSERT INTO outbox (id, topic, message_key, headers, payload) VALUES (gen_random_uuid(), 'bench', gen_random_uuid()::text, '{}'::jsonb, ${literal({ data: sample.data })});`,
    'END;',
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'settle-pgbench-')), 'intake.sql');
  writeFileSync(file, `${script}\n`);

  const pgbench = (seconds: number) =>
    execFileSync(
      PGBENCH,
      ['-n', '-f', file, '-c', String(CONCURRENCY), '-j', '2', '-T', String(seconds), databaseUrl],
      { env: { ...process.env, PGOPTIONS: `-c search_path=${pgSchema}` }, encoding: 'utf8' },
    );
  pgbench(WARM_UP_SECONDS);
  const roundSeconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  const service = httpSide();
  const ceiling = httpSide();
  let pgbenchMachineMs = 0;
  let pgTransactions = 0;
  let pgSeconds = 0;
  const pgLatencies: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const served = await measureRound(service, load, child.pid, roundSeconds);

    const pgbenchBefore = machineBusyMs();
    const output = pgbench(roundSeconds);
    pgbenchMachineMs += machineBusyMs() - pgbenchBefore;
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? NaN);
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
    pgTransactions += processed;
    pgSeconds += processed / tps;
    pgLatencies.push(Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? NaN));

    const bareServed = await measureRound(ceiling, bareLoad, bare.pid, roundSeconds);
    console.log(
      `  round ${round + 1}/${ROUNDS}: HTTP ${served.toFixed(0)} req/s, pgbench ${tps.toFixed(0)} tps, ` +
        `plain node:http ${bareServed.toFixed(0)} req/s`,
    );
  }
  for (const generator of [load, bareLoad]) generator.send({ stop: true });
  child.kill('SIGTERM');
  bare.disconnect();
  await Promise.all([child, bare].map((server) => new Promise((resolve) => server.once('exit', resolve))));

  await dataSource.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
  for (const name of [schema, `${schema}_bare`, authSchema])
    await dataSource.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await dataSource.destroy();

  for (const side of [service, ceiling]) side.latencies.sort((a, b) => a - b);
  const tps = pgTransactions / pgSeconds;
  const pgLatency = pgLatencies.reduce((sum, value) => sum + value, 0) / pgLatencies.length;
  const rate = service.latencies.length / service.seconds;
  const ceilingRate = ceiling.latencies.length / ceiling.seconds;
  recordResult({
    name: 'intake',
    description:
      `POST /v1/disputes from ${CONCURRENCY} keep-alive connections (a separate load process) for ${ROUNDS} x ${roundSeconds} s (after ${WARM_UP_SECONDS} s discarded on each side) ` +
      `to dispute-intake as ${WORKERS === 1 ? 'one process' : `${WORKERS} worker processes on one port (WEB_CONCURRENCY=${WORKERS})`}; ` +
      'each request: validation, the opening rules, the listing at purchase, and one commit of the dispute row, its ' +
      'first hash-chained event, the outbox row and the Idempotency-Key record; vs pgbench with ' +
      `${CONCURRENCY} clients (-j 2) committing one dispute row + one outbox row per transaction, in alternating rounds; ` +
      'and the ceiling: the service’s own opening code (the same statements and rows) behind plain node:http, ' +
      'without Nest, Express, request logging or validation (intake-bare.ts), in the same rounds',
    figures: [
      { label: 'disputes opened/s', value: rate, unit: 'req/s', baseline: tps, target: 'ratio >= 0.5' },
      { label: 'p50 latency', value: percentile(service.latencies, 50), unit: 'ms' },
      { label: 'p99 latency', value: percentile(service.latencies, 99), unit: 'ms', target: '< 50 ms' },
      { label: 'ceiling: opened/s, plain node:http', value: ceilingRate, unit: 'req/s', baseline: tps },
      { label: 'ceiling: p99 latency', value: percentile(ceiling.latencies, 99), unit: 'ms' },
    ],
    notes: [
      `${service.latencies.length} disputes in ${service.seconds.toFixed(1)} s; pgbench ${pgTransactions} transactions, ${tps.toFixed(0)} tps, average latency ${pgLatency.toFixed(2)} ms`,
      `service vs its ceiling (the same opening behind plain node:http): ${(rate / ceilingRate).toFixed(2)} of the rate; ` +
        `the ceiling is ${(ceilingRate / tps).toFixed(2)} of pgbench`,
      `CPU per request: service ${cpuPerRequest(service)} ` +
        `(${WORKERS === 1 ? 'one JavaScript thread: at most 1000 / that requests/s' : `${WORKERS} processes`}), ` +
        `ceiling ${cpuPerRequest(ceiling)}, load generator ${(service.loadCpuMs / service.latencies.length).toFixed(2)} ms; ` +
        `${cpus().length} cores shared with Postgres, Kafka and pgbench`,
      `Whole machine busy per request: HTTP ${(service.machineMs / service.latencies.length).toFixed(2)} ms (service, its Postgres work, ` +
        `the load generator, the relay's Kafka publishing), ceiling ${(ceiling.machineMs / ceiling.latencies.length).toFixed(2)} ms, ` +
        `pgbench ${(pgbenchMachineMs / pgTransactions).toFixed(2)} ms per transaction; ${cpus().length} cores allow at most ` +
        `${((cpus().length * 1000) / (service.machineMs / service.latencies.length)).toFixed(0)} req/s of the service`,
    ],
  });
}

/** What the rounds measured of one HTTP server: every latency (sorted once the rounds are over), and the CPU it and the machine used meanwhile. */
interface HttpSide {
  latencies: number[];
  seconds: number;
  cpuMs: { user: number; system: number };
  loadCpuMs: number;
  machineMs: number;
}

function httpSide(): HttpSide {
  return { latencies: [], seconds: 0, cpuMs: { user: 0, system: 0 }, loadCpuMs: 0, machineMs: 0 };
}

/** One round of load on a server (process `pid`), added to `side`; returns the round's rate (req/s). */
async function measureRound(side: HttpSide, load: ChildProcess, pid: number | undefined, seconds: number) {
  const cpuBefore = cpuMsOf(pid);
  const machineBefore = machineBusyMs();
  const done = await ask<LoadRound>(load, { run: { seconds } }, 'done');
  const cpuAfter = cpuMsOf(pid);
  side.machineMs += machineBusyMs() - machineBefore;
  side.cpuMs.user += cpuAfter.user - cpuBefore.user;
  side.cpuMs.system += cpuAfter.system - cpuBefore.system;
  for (const latency of done.latencies) side.latencies.push(latency);
  side.seconds += done.seconds;
  side.loadCpuMs += done.cpuMs;
  return done.latencies.length / done.seconds;
}

function cpuPerRequest(side: HttpSide): string {
  const per = (ms: number) => (ms / side.latencies.length).toFixed(2);
  return `${per(side.cpuMs.user + side.cpuMs.system)} ms (user ${per(side.cpuMs.user)}, system ${per(side.cpuMs.system)})`;
}

/** The load generator (intake-load.ts) in a process of its own, aimed at `baseUrl`. */
function startLoad(baseUrl: string, key: string): ChildProcess {
  return fork(join(__dirname, 'intake-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_BASE_URL: baseUrl, BENCH_API_KEY: key, BENCH_INTAKE_CONCURRENCY: String(CONCURRENCY) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * The load generator ready and its server warm: 200 requests on one connection (the key cache), then a discarded
 * round at full concurrency (the JIT's optimized code, the heap grown to its working size, every pooled connection
 * open), as pgbench gets one (its tables' pages in memory).
 */
async function warmUp(load: ChildProcess): Promise<void> {
  await ask(load, null, 'ready');
  await ask(load, { warmUp: 200 }, 'warmedUp');
  await ask<LoadRound>(load, { run: { seconds: WARM_UP_SECONDS } }, 'done');
}
