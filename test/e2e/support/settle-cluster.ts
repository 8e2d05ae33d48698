import { ALL_TOPICS, topicName } from '@settle/contracts';
import { createKafka, ensureTopics, parseBrokers } from '@settle/messaging';
import type { Role } from '@settle/platform';
import { eventually, infrastructureFromEnv } from '@settle/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../deploy/infra/kafka';
import { withKeyStore } from '../../../deploy/scripts/keys';
import { terminate } from '../../../deploy/scripts/process';
import { seedDemo, type DemoSeed } from '../../../deploy/scripts/seed';
import { CONSOLE, consoleUpstreams, serviceEntry, SERVICES, type ServiceName } from '../../../deploy/scripts/services';

/**
 * Every call from a test opens its own connection (`connection: close`). A pooled keep-alive socket races with the
 * service closing it: idle past the server's keep-alive timeout, or the process behind it SIGKILLed and restarted on
 * the same port; when the test's event loop is busy, the request goes out on the closing socket and fails with
 * "other side closed" (seen in CI). A fresh loopback connection costs well under a millisecond.
 */
export const FRESH_CONNECTION = { connection: 'close' } as const;

/** A process of the cluster: one of the four services, or the console. */
export type ProcessName = ServiceName | typeof CONSOLE.name;

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

interface RunningService {
  name: ProcessName;
  port: number;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  log: WriteStream;
  logPath: string;
}

export interface ClusterOptions {
  /** Policy overrides (ISO-8601 durations), on top of deploy/policy/default.json. */
  policy?: Record<string, string>;
  /** Extra environment for every service, e.g. a webhook allowlist. */
  env?: Record<string, string>;
  /** Where Kafka and Postgres are; by default those of `npm test` (a database named for tests). */
  infrastructure?: { databaseUrl: string; kafkaBrokers: string };
  /** Also run the console (apps/console: the web app and its gateway to the four services), as `npm start` does. */
  console?: boolean;
  /** Run only these services (default all four), for a test about one service's own process. */
  services?: ServiceName[];
}

/**
 * The four services as `npm start` runs them: separate Node processes from dist/, against the real Kafka
 * and Postgres of `npm test`, each run on its own schemas and topic prefix. Tests reach them only as users
 * do: HTTP with API keys, Kafka topics, webhooks. A service can be killed with SIGKILL and started again.
 */
export class SettleCluster {
  readonly topicPrefix: string;
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  private readonly services = new Map<ProcessName, RunningService>();

  private constructor(
    readonly id: string,
    private readonly options: ClusterOptions,
  ) {
    const { databaseUrl, kafkaBrokers } = options.infrastructure ?? infrastructureFromEnv();
    this.databaseUrl = databaseUrl;
    this.kafkaBrokers = kafkaBrokers;
    this.topicPrefix = `e2e.${id}.`;
  }

  static async start(label: string, options: ClusterOptions = {}): Promise<SettleCluster> {
    const id = `${label
      .replace(/[^a-z0-9]+/gi, '_')
      .toLowerCase()
      .slice(0, 16)}_${randomBytes(3).toString('hex')}`;
    const cluster = new SettleCluster(id, options);
    await cluster.boot();
    return cluster;
  }

  get authSchema(): string {
    return `e2e_${this.id}_auth`;
  }

  schemaOf(name: ProcessName): string {
    return `e2e_${this.id}_${name.replace(/-/g, '_')}`;
  }

  url(name: ProcessName): string {
    return `http://127.0.0.1:${this.service(name).port}`;
  }

  private async boot(): Promise<void> {
    const kafka = createKafka({ brokers: parseBrokers(this.kafkaBrokers), clientId: `e2e-${this.id}` });
    await ensureTopics(
      kafka,
      ALL_TOPICS.map((topic) => topicName(topic, this.topicPrefix)),
    );
    const logDir = path.resolve('.cache/e2e-logs');
    mkdirSync(logDir, { recursive: true });
    const policyFile = path.join(os.tmpdir(), `settle-e2e-policy-${this.id}.json`);
    const defaults = JSON.parse(readFileSync('deploy/policy/default.json', 'utf8')) as Record<string, string>;
    writeFileSync(policyFile, JSON.stringify({ ...defaults, ...this.options.policy }));
    const names: ProcessName[] = [
      ...SERVICES.map(({ name }) => name).filter((name) => this.options.services?.includes(name) ?? true),
      ...(this.options.console ? [CONSOLE.name] : []),
    ];
    for (const name of names) {
      const port = await freePort();
      const logPath = path.join(logDir, `${this.id}-${name}.log`);
      this.services.set(name, {
        name,
        port,
        logPath,
        log: createWriteStream(logPath, { flags: 'a' }),
        env: {
          ...process.env,
          DATABASE_URL: this.databaseUrl,
          KAFKA_BROKERS: this.kafkaBrokers,
          KAFKA_TOPIC_PREFIX: this.topicPrefix,
          DB_SCHEMA: this.schemaOf(name),
          AUTH_SCHEMA: this.authSchema,
          SETTLE_POLICY_FILE: policyFile,
          PORT: String(port),
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
          OUTBOX_POLL_MS: '500',
          // Evidence files of this cluster under their own key prefix in the shared bucket (EVIDENCE_S3_* come from
          // the environment npm test passes on).
          EVIDENCE_S3_PREFIX: `e2e-${this.id}/`,
          // A killed service's partitions go to its restarted self after 6 s, not 30 s.
          KAFKA_SESSION_TIMEOUT_MS: '6000',
          ...this.options.env,
        },
      });
    }
    if (this.options.console) {
      const ports = Object.fromEntries(SERVICES.map(({ name }) => [name, this.service(name).port]));
      Object.assign(this.service(CONSOLE.name).env, consoleUpstreams(ports as Record<ServiceName, number>), {
        CONSOLE_WEB_DIR: `${process.env.SETTLE_DIST_DIR ?? 'dist'}/console-web`,
      });
    }
    await Promise.all(names.map((name) => this.startService(name)));
  }

  /**
   * `npm start`'s demo data on this cluster (deploy/scripts/seed.ts): keys, the demo seller's dispute, and an overdue,
   * a claimed, a ruled and the tassel-pendant case in the staff queue. Needs a policy that lets the buyer escalate
   * within seconds (`buyerEscalateFrom`), and the staff ruling SLA the test wants its overdue case to pass.
   */
  seedDemo(): Promise<DemoSeed> {
    return seedDemo({
      databaseUrl: this.databaseUrl,
      kafkaBrokers: this.kafkaBrokers,
      topicPrefix: this.topicPrefix,
      authSchema: this.authSchema,
      intakeSchema: this.schemaOf('dispute-intake'),
      urls: consoleUpstreams(
        Object.fromEntries(SERVICES.map(({ name }) => [name, this.service(name).port])) as Record<ServiceName, number>,
      ),
    });
  }

  /** Starts (or restarts) one service and waits until it is ready. */
  async startService(name: ProcessName): Promise<void> {
    const service = this.service(name);
    const child = spawn('node', ['--enable-source-maps', serviceEntry(name)], {
      env: service.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(service.log, { end: false });
    child.stderr.pipe(service.log, { end: false });
    service.child = child;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${service.logPath}`);
        return (await fetch(`${this.url(name)}/health/ready`, { headers: FRESH_CONNECTION })).ok;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: `${name} to be ready (log ${service.logPath})` },
    );
  }

  /** SIGKILL: no shutdown hook runs, as in a crash. */
  async kill(name: ProcessName): Promise<void> {
    const child = this.service(name).child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async createKey(role: Role, sellerId?: string): Promise<string> {
    const created = await withKeyStore(
      this.databaseUrl,
      (store) => store.create({ role, sellerId, label: `e2e ${role}` }),
      this.authSchema,
    );
    return created.key;
  }

  async call<T = any>(
    name: ProcessName,
    method: string,
    pathAndQuery: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const response = await fetch(this.url(name) + pathAndQuery, {
      method,
      headers: {
        ...FRESH_CONNECTION,
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.services.values()].map((service) => (service.child ? terminate(service.child) : Promise.resolve())),
    );
    for (const service of this.services.values()) service.log.end();
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      for (const schema of [...[...this.services.keys()].map((name) => this.schemaOf(name)), this.authSchema]) {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    } finally {
      await client.end();
    }
  }

  private service(name: ProcessName): RunningService {
    const service = this.services.get(name);
    if (!service) throw new Error(`unknown service ${name}`);
    return service;
  }
}
