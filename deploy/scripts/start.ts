/**
 * `npm start`: the real Kafka and Postgres (deploy/infra), topics, a build, every service's migrations,
 * the four services as separate processes, a demo seed, and where everything is. Ctrl-C stops all of
 * it, Kafka included.
 */
import { ALL_TOPICS, topicName } from '@settle/contracts';
import { createKafka, ensureTopics, parseBrokers } from '@settle/messaging';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { startInfrastructure } from '../infra';
import { migrateAll } from './migrate';
import { run, terminate } from './process';
import { seedDemo } from './seed';
import { serviceEntry, SERVICES } from './services';

async function waitReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the service exited with code ${child.exitCode}`);
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
  const children: ChildProcess[] = [];
  const infrastructure = await startInfrastructure({
    database: 'settle',
    kafkaName: process.env.SETTLE_KAFKA_NAME ?? 'dev',
  });
  const basePort = Number(process.env.SETTLE_BASE_PORT ?? 3001);
  const services = SERVICES.map((service, index) => ({ ...service, port: basePort + index }));
  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= (async () => {
      console.log('\nsettle: stopping the services and the infrastructure');
      await Promise.all(children.map((child) => terminate(child)));
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
      SETTLE_POLICY_FILE: process.env.SETTLE_POLICY_FILE ?? 'deploy/policy/default.json',
    };
    await migrateAll(infrastructure.databaseUrl);
    mkdirSync('.cache', { recursive: true });
    writeFileSync(
      '.cache/runtime.json',
      JSON.stringify({ databaseUrl: infrastructure.databaseUrl, kafkaBrokers: infrastructure.kafkaBrokers }),
    );

    for (const service of services) {
      const child = spawn('node', ['--enable-source-maps', serviceEntry(service.name)], {
        env: { ...env, PORT: String(service.port) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
    }
    await Promise.all(services.map((service, index) => waitReady(`http://127.0.0.1:${service.port}`, children[index])));
    const intake = services.find((service) => service.name === 'dispute-intake')!;
    const demo = await seedDemo(
      infrastructure.databaseUrl,
      infrastructure.kafkaBrokers,
      `http://127.0.0.1:${intake.port}`,
      prefix,
    );

    console.log('\nSettle is running.\n');
    for (const service of services) {
      const base = `http://127.0.0.1:${service.port}`;
      console.log(`  ${service.name.padEnd(17)} ${base}   docs ${base}/docs`);
    }
    console.log(`\n  Kafka    ${infrastructure.kafkaBrokers}\n  Postgres ${infrastructure.databaseUrl}\n`);
    console.log('  Demo API keys (shown once):');
    for (const key of demo.keys) {
      console.log(`    ${key.role.padEnd(8)} ${key.sellerId ? `(seller ${key.sellerId}) ` : ''}${key.key}`);
    }
    console.log(
      `\n  Demo seller ${demo.sellerId}, listing ${demo.listingId}, order ${demo.orderId}, dispute ${demo.disputeId}.`,
    );
    console.log('  Press Ctrl-C to stop everything.\n');
    for (const child of children) {
      child.on('exit', (code) => {
        if (!stopping) {
          console.error(`settle: a service exited (code ${code}); stopping`);
          void stop(1);
        }
      });
    }
  } catch (error) {
    console.error(`settle: ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
