/**
 * `npm start`: the real Kafka and Postgres (deploy/infra), topics, a build, every service's migrations,
 * the four services as separate processes, a demo seed, and where everything is. A service that dies once the
 * stack is up is started again (a log line, a back-off of 1 s doubling to 30 s, reset after a stable minute).
 * Ctrl-C stops all of it, Kafka included.
 */
import { ALL_TOPICS, topicName } from '@settle/contracts';
import { createKafka, ensureTopics, parseBrokers } from '@settle/messaging';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { startInfrastructure } from '../infra';
import { migrateAll } from './migrate';
import { run, supervise, type Supervised } from './process';
import { seedDemo } from './seed';
import { CONSOLE, consoleUpstreams, serviceEntry, SERVICES } from './services';

/** Waits for the first start; a service that dies before it was ever ready stops `npm start` (a start-up fault). */
async function waitReady(url: string, service: Supervised, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.restarts > 0) throw new Error(`${service.name} (${url}) exited before it was ready`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const children: Supervised[] = [];
  const infrastructure = await startInfrastructure({
    database: 'settle',
    kafkaName: process.env.SETTLE_KAFKA_NAME ?? 'dev',
  });
  const basePort = Number(process.env.SETTLE_BASE_PORT ?? 3001);
  const services = SERVICES.map((service, index) => ({ ...service, port: basePort + index }));
  const consoleApp = { name: CONSOLE.name, port: basePort + SERVICES.length };
  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= (async () => {
      console.log('\nsettle: stopping the services and the infrastructure');
      await Promise.all(children.map((child) => child.stop()));
      await infrastructure.stop();
      rmSync('.cache/runtime.json', { force: true });
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
    const kafka = createKafka({ brokers: parseBrokers(infrastructure.kafkaBrokers), clientId: 'settle-start' });
    await ensureTopics(
      kafka,
      ALL_TOPICS.map((topic) => topicName(topic, prefix)),
    );
    console.log('settle: topics ready');

    // SETTLE_SKIP_BUILD: `npm test` builds once before its end-to-end tests, which run this script too.
    if (process.env.SETTLE_SKIP_BUILD !== '1' && (await run('npm', ['run', '--silent', 'build'])) !== 0) {
      throw new Error('the build failed');
    }
    const env = {
      ...process.env,
      DATABASE_URL: infrastructure.databaseUrl,
      KAFKA_BROKERS: infrastructure.kafkaBrokers,
      ...infrastructure.evidenceEnv,
      // The demo policy: default.json, but a buyer may escalate at once and staff rule within minutes (the queue's
      // demo cases turn overdue while you watch).
      SETTLE_POLICY_FILE: process.env.SETTLE_POLICY_FILE ?? 'deploy/policy/demo.json',
    };
    await migrateAll(infrastructure.databaseUrl);
    mkdirSync('.cache', { recursive: true });
    writeFileSync(
      '.cache/runtime.json',
      JSON.stringify({ databaseUrl: infrastructure.databaseUrl, kafkaBrokers: infrastructure.kafkaBrokers }),
    );

    const ports = Object.fromEntries(services.map((service) => [service.name, service.port])) as Parameters<
      typeof consoleUpstreams
    >[0];
    const started: Promise<void>[] = [];
    for (const service of [...services, consoleApp]) {
      const extra = service.name === CONSOLE.name ? consoleUpstreams(ports) : {};
      const child = supervise({
        name: service.name,
        command: 'node',
        args: ['--enable-source-maps', serviceEntry(service.name)],
        spawnOptions: {
          env: { ...env, ...extra, PORT: String(service.port) },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      });
      children.push(child);
      started.push(waitReady(`http://127.0.0.1:${service.port}`, child));
    }
    await Promise.all(started);
    const demo = await seedDemo({
      databaseUrl: infrastructure.databaseUrl,
      kafkaBrokers: infrastructure.kafkaBrokers,
      topicPrefix: prefix,
      urls: consoleUpstreams(ports),
    });

    console.log('\nSettle is running.\n');
    for (const service of services) {
      const base = `http://127.0.0.1:${service.port}`;
      console.log(`  ${service.name.padEnd(17)} ${base}   docs ${base}/docs`);
    }
    console.log(
      `  ${CONSOLE.name.padEnd(17)} http://127.0.0.1:${consoleApp.port}   sign in by pasting the staff key below ` +
        '(or the lead key; the seller key opens the seller workspace)',
    );
    console.log(
      `\n  Kafka    ${infrastructure.kafkaBrokers}\n  Postgres ${infrastructure.databaseUrl}` +
        `\n  S3       ${infrastructure.evidenceS3Endpoint} (evidence files)\n`,
    );
    console.log('  Demo API keys (shown once):');
    for (const key of demo.keys) {
      console.log(`    ${key.role.padEnd(8)} ${key.sellerId ? `(seller ${key.sellerId}) ` : ''}${key.key}`);
    }
    console.log(
      `\n  Demo seller ${demo.sellerId}, listing ${demo.listingId}, order ${demo.orderId}, dispute ${demo.disputeId}.`,
    );
    console.log(`  The staff queue holds ${demo.escalations.length} demo cases: ${demo.escalations.join('; ')}.`);
    console.log('  Press Ctrl-C to stop everything.\n');
  } catch (error) {
    console.error(`settle: ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
