/**
 * Deadline firing (issue 6): N pending deadlines falling due evenly over a window, fired by escalation-timer's
 * claimer (timer armed for the earliest row, LISTEN/NOTIFY, FOR UPDATE SKIP LOCKED batches, command + deadline.passed
 * written to the outbox in the claiming transaction), against the same workload as pg-boss delayed jobs (startAfter)
 * whose handler writes the same two outbox rows, in the same run and database server.
 * Figures: firing rate (deadlines / (last fire - first due)) and lateness (fire time - due time) p50/p99.
 * Run with `npm run bench deadlines`; BENCH_DEADLINES (default 1,000,000), BENCH_DEADLINE_WINDOW_S (default N/5000).
 */
import { Outbox, TransactionRunner } from '@settle/messaging';
import { Clock, type ServiceDefinition, createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import { DeadlineClaimer } from '../../apps/escalation-timer/src/deadlines/deadline-claimer';
import { DeadlinesRepository } from '../../apps/escalation-timer/src/deadlines/deadlines.repository';
import { DisputesRepository } from '../../apps/escalation-timer/src/disputes/disputes.repository';
import { EscalationsRepository } from '../../apps/escalation-timer/src/escalations/escalations.repository';
import { EscalationTimerService } from '../../apps/escalation-timer/src/service';
import { TimerConfig } from '../../apps/escalation-timer/src/shared/timer.config';
import { percentile, recordResult } from './report';

const N = Number(process.env.BENCH_DEADLINES ?? 1_000_000);
const WINDOW_MS = Number(process.env.BENCH_DEADLINE_WINDOW_S ?? Math.max(10, Math.round(N / 5_000))) * 1_000;
const LOAD_CHUNK = 100_000;
const FAR_FUTURE = '2100-01-01T00:00:00Z';
const REHEARSAL_START = '2099-01-01T00:00:00Z';

interface Outcome {
  loadSeconds: number;
  /** How long moving every row into the window took, its vacuum included (timed on the rehearsal). */
  moveSeconds: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

export async function benchDeadlines(databaseUrl: string, _kafkaBrokers: string): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const ours = await benchClaimer(databaseUrl, `bench_deadlines_${run}`);
  console.log(
    `  claimer: ${ours.rate.toFixed(0)} deadlines/s, lateness p50 ${ours.p50.toFixed(0)} ms, p99 ${ours.p99.toFixed(0)} ms; now pg-boss…`,
  );
  const boss = await benchPgBoss(databaseUrl, `bench_pgboss_${run}`);
  recordResult({
    name: 'deadlines',
    description: `${N.toLocaleString('en-US')} pending deadlines falling due evenly over ${WINDOW_MS / 1_000} s; escalation-timer's claimer vs pg-boss 10 delayed jobs (same outbox writes, same database server)`,
    figures: [
      { label: 'firing rate', value: ours.rate, unit: 'deadlines/s', baseline: boss.rate, target: 'ratio >= 3' },
      { label: 'p99 lateness', value: ours.p99, unit: 'ms', baseline: boss.p99, target: '< 1000 ms' },
      { label: 'p50 lateness', value: ours.p50, unit: 'ms', baseline: boss.p50 },
    ],
    notes: [
      `claimer: max lateness ${ours.max.toFixed(0)} ms, load ${ours.loadSeconds.toFixed(1)} s, move into the window ${ours.moveSeconds.toFixed(1)} s`,
      `pg-boss: max lateness ${boss.max.toFixed(0)} ms, load ${boss.loadSeconds.toFixed(1)} s, move ${boss.moveSeconds.toFixed(1)} s (polling every 0.5 s, batches of 1000)`,
      'lateness = time the row was claimed (claimer) / completedOn (pg-boss) minus its due time',
    ],
  });
}

/** Loads rows far in the future, then moves them all into the window in one statement, so loading costs no lateness. */
async function benchClaimer(databaseUrl: string, schema: string): Promise<Outcome> {
  const dataSource = await createServiceDataSource({
    databaseUrl,
    schema,
    entities: EscalationTimerService.entities,
    migrations: EscalationTimerService.migrations,
    poolSize: 4,
  }).initialize();
  await runServiceMigrations(dataSource, schema);
  const loadStart = Date.now();
  for (let first = 1; first <= N; first += LOAD_CHUNK) {
    await dataSource.query(
      `INSERT INTO deadlines (id, dispute_id, kind, party, status, due_at, fire_at, based_on_version, dispute_version,
         seller_id, adjustments, scheduled_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'PLATFORM_INTERVENTION', 'BOTH', 'PENDING', $3, $3, 1, 1, 'S-1',
         '[]'::jsonb, now()
       FROM generate_series($1::int, $2::int)`,
      [first, Math.min(N, first + LOAD_CHUNK - 1), FAR_FUTURE],
    );
  }
  const loadSeconds = (Date.now() - loadStart) / 1_000;

  const config = Object.assign(new TimerConfig(), {
    DATABASE_URL: databaseUrl,
    DB_SCHEMA: schema,
    DEADLINE_BATCH_SIZE: 1_000,
  });
  const definition: ServiceDefinition = { ...EscalationTimerService, schema };
  const claimer = new DeadlineClaimer(
    new DeadlinesRepository(dataSource),
    new EscalationsRepository(dataSource),
    new DisputesRepository(dataSource, config),
    new TransactionRunner(dataSource),
    new Outbox('escalation-timer', 'bench.'),
    new Clock(),
    config,
    definition,
  );
  await claimer.onApplicationBootstrap();
  const { moveSeconds } = await moveIntoWindow(
    (start) =>
      dataSource.query(
        `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM deadlines)
       UPDATE deadlines d SET due_at = $1::timestamptz + (numbered.n * $2::float8 / $3) * interval '1 millisecond',
         fire_at = $1::timestamptz + (numbered.n * $2::float8 / $3) * interval '1 millisecond'
       FROM numbered WHERE d.id = numbered.id`,
        [start, WINDOW_MS, N],
      ),
    () => dataSource.query(`VACUUM (ANALYZE) deadlines`),
  );
  await waitFor(async () => {
    const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM deadlines WHERE status = 'PENDING'`);
    return left === 0;
  });
  await claimer.onApplicationShutdown();
  const rows = await dataSource.query<{ lateness: number }[]>(
    `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS lateness FROM deadlines`,
  );
  const [{ first_due, last_fired }] = await dataSource.query(
    `SELECT min(due_at) AS first_due, max(fired_at) AS last_fired FROM deadlines`,
  );
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();
  return summarise(
    rows.map((row) => Number(row.lateness)),
    loadSeconds,
    moveSeconds,
    first_due,
    last_fired,
  );
}

async function benchPgBoss(databaseUrl: string, schema: string): Promise<Outcome> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}_outbox"`);
  await pool.query(
    `CREATE TABLE "${schema}_outbox".outbox (id uuid PRIMARY KEY, seq bigserial, topic text NOT NULL, message_key text NOT NULL,
       headers jsonb NOT NULL DEFAULT '{}'::jsonb, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  const boss = new PgBoss({ connectionString: databaseUrl, schema, max: 4, supervise: false, schedule: false });
  boss.on('error', (error) => console.error(error));
  await boss.start();
  const queue = 'deadlines';
  await boss.createQueue(queue);
  const loadStart = Date.now();
  for (let first = 0; first < N; first += 10_000) {
    const count = Math.min(10_000, N - first);
    await boss.insert(
      Array.from({ length: count }, () => ({
        name: queue,
        data: { deadlineId: randomUUID(), disputeId: randomUUID(), kind: 'PLATFORM_INTERVENTION' },
        startAfter: FAR_FUTURE,
      })),
    );
  }
  const loadSeconds = (Date.now() - loadStart) / 1_000;
  const { moveSeconds } = await moveIntoWindow(
    (start) =>
      pool.query(
        `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "${schema}".job WHERE name = $4)
       UPDATE "${schema}".job j SET start_after = $1::timestamptz + (numbered.n * $2::float8 / $3) * interval '1 millisecond'
       FROM numbered WHERE j.id = numbered.id AND j.name = $4`,
        [start, WINDOW_MS, N, queue],
      ),
    () => pool.query(`VACUUM (ANALYZE) "${schema}".job`),
  );
  await boss.work<{ deadlineId: string; disputeId: string }>(
    queue,
    { batchSize: 1_000, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      // The same durable work as the claimer: the command and the deadline.passed event into an outbox.
      const rows = jobs.flatMap((job) => [
        [
          randomUUID(),
          'bench.settle.disputes.commands.v1',
          job.data.disputeId,
          JSON.stringify({ type: 'dispute.command.escalate', ...job.data }),
        ],
        [
          randomUUID(),
          'bench.settle.deadlines.events.v1',
          job.data.disputeId,
          JSON.stringify({ type: 'deadline.passed', ...job.data }),
        ],
      ]);
      await pool.query(
        `INSERT INTO "${schema}_outbox".outbox (id, topic, message_key, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
        [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2]), rows.map((row) => row[3])],
      );
    },
  );
  await waitFor(async () => {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS done FROM "${schema}".job WHERE name = $1 AND state = 'completed'`,
      [queue],
    );
    return rows[0].done === N;
  });
  await boss.stop({ graceful: true, wait: true });
  const { rows } = await pool.query<{ lateness: number }>(
    `SELECT extract(epoch FROM completed_on - start_after) * 1000 AS lateness FROM "${schema}".job WHERE name = $1`,
    [queue],
  );
  const {
    rows: [{ first_due, last_fired }],
  } = await pool.query(
    `SELECT min(start_after) AS first_due, max(completed_on) AS last_fired FROM "${schema}".job WHERE name = $1`,
    [queue],
  );
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.query(`DROP SCHEMA "${schema}_outbox" CASCADE`);
  await pool.end();
  return summarise(
    rows.map((row) => Number(row.lateness)),
    loadSeconds,
    moveSeconds,
    first_due,
    last_fired,
  );
}

/**
 * Moves every row into the window, which must open only after that statement has committed (it rewrites all N rows,
 * and a row due before the commit would count the move as lateness): a rehearsal into a window far ahead times the
 * statement, and the real move gets that long again, and half, as lead. Each move rewrites every row, and the
 * machines run Postgres with autovacuum off: a VACUUM after each leaves the table as a long-lived one would be, not
 * carrying two million dead row versions from the set-up into the measurement (the same for both engines).
 */
async function moveIntoWindow(
  move: (start: Date) => Promise<unknown>,
  vacuum: () => Promise<unknown>,
): Promise<{ moveSeconds: number }> {
  const rehearsal = Date.now();
  await move(new Date(REHEARSAL_START));
  await vacuum();
  const moveMs = Date.now() - rehearsal;
  const start = Date.now() + Math.max(5_000, Math.round(moveMs * 1.5));
  await move(new Date(start));
  await vacuum();
  if (Date.now() >= start)
    throw new Error('deadlines benchmark: moving the rows into the window ended after it opened');
  return { moveSeconds: moveMs / 1_000 };
}

function summarise(
  latencies: number[],
  loadSeconds: number,
  moveSeconds: number,
  firstDue: Date,
  lastFired: Date,
): Outcome {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    loadSeconds,
    moveSeconds,
    rate: sorted.length / Math.max(0.001, (lastFired.getTime() - firstDue.getTime()) / 1_000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

async function waitFor(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WINDOW_MS + 30 * 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('deadlines benchmark: firing did not finish');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
