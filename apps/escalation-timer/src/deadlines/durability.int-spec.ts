import { CommandType, required, Topics } from '@settle/contracts';
import { eventually, isolatedEnvironment, KafkaTestClient, type TestEnvironment } from '@settle/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { at, commandsOf, disputeOpened, publish, writePolicyFile } from '../../test/timer-harness';

/**
 * The service as separate processes (docs/ARCHITECTURE.md rule 7): SIGKILLed while deadlines are pending and restarted,
 * each deadline fires once and none is lost; two replicas against one database fire each deadline once.
 */
describe('escalation-timer processes: crash and replicas (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let kafka: KafkaTestClient;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_durable', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS, Topics.DEADLINE_EVENTS]);
    db = new Client({ connectionString: environment.databaseUrl, options: `-c search_path=${environment.schema}` });
    await db.connect();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.end();
    await kafka?.close();
    await environment?.cleanup();
  });

  async function startReplica(): Promise<ChildProcess> {
    const port = await freePort();
    let output = '';
    const child = spawn(
      process.execPath,
      ['apps/escalation-timer/test/launch-ts.js', 'apps/escalation-timer/src/main.ts'],
      { env: { ...process.env, ...environment.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`replica exited: ${output}`);
        return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'a replica to be ready' },
    );
    return child;
  }

  const rowsOf = async (disputeIds: string[]) =>
    (
      await db.query<{ dispute_id: string; status: string }>(
        `SELECT dispute_id, status FROM deadlines WHERE dispute_id = ANY($1::uuid[])`,
        [disputeIds],
      )
    ).rows;

  async function openMany(count: number, firstDueInMs: number) {
    const start = Date.now();
    const envelopes = Array.from({ length: count }, (_, index) =>
      disputeOpened({
        openedAt: start,
        deadlines: [{ kind: 'PLATFORM_INTERVENTION', dueAt: at(start, (firstDueInMs + index * 50) / 1_000) }],
      }),
    );
    await publish(kafka, ...envelopes);
    return { ids: envelopes.map((envelope) => envelope.subject), lastDue: start + firstDueInMs + count * 50 };
  }

  function expectEachFiredOnce(ids: string[]) {
    for (const id of ids) expect(commandsOf(kafka, id, CommandType.ESCALATE)).toHaveLength(1);
  }

  it('SIGKILLed with deadlines pending and restarted: each fires once, none lost', async () => {
    const first = await startReplica();
    const { ids, lastDue } = await openMany(20, 8_000);
    await eventually(async () => (await rowsOf(ids)).length === 20, { what: '20 pending deadlines' });
    expect(commandsOf(kafka, required(ids[0], 'the first dispute'))).toEqual([]);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    // Restart only once every deadline is overdue: the new process must catch up on what fell due while it was down.
    await eventually(() => Date.now() > lastDue, { timeoutMs: 30_000, what: 'the deadlines to fall due' });
    const second = await startReplica();
    await eventually(async () => (await rowsOf(ids)).every((row) => row.status === 'FIRED'), {
      timeoutMs: 30_000,
      what: 'every deadline to fire',
    });
    await eventually(() => ids.every((id) => commandsOf(kafka, id, CommandType.ESCALATE).length >= 1), {
      what: 'every escalate command on Kafka',
    });
    expectEachFiredOnce(ids);
    second.kill('SIGKILL');
    await new Promise((resolve) => second.once('exit', resolve));
  }, 180_000);

  it('two replicas against the same database: each deadline fires once', async () => {
    await Promise.all([startReplica(), startReplica()]);
    const { ids } = await openMany(40, 4_000);
    await eventually(
      async () => {
        const rows = await rowsOf(ids);
        return rows.length === 40 && rows.every((row) => row.status === 'FIRED');
      },
      { timeoutMs: 60_000, what: 'every deadline to fire' },
    );
    await eventually(() => ids.every((id) => commandsOf(kafka, id, CommandType.ESCALATE).length >= 1), {
      what: 'every escalate command on Kafka',
    });
    // Both replicas' relays have published everything: no duplicate came later.
    const [{ count } = { count: NaN }] = (
      await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM outbox`)
    ).rows;
    expect(count).toBe(0);
    expectEachFiredOnce(ids);
  }, 180_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
