import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The infrastructure a test file runs on: the real Kafka and Postgres that `npm test` started
 * (deploy/scripts/test.ts exports KAFKA_BROKERS and DATABASE_URL). Each test file gets its own schemas
 * and topic prefix, so files never see each other's rows or messages.
 */
export interface TestEnvironment {
  databaseUrl: string;
  kafkaBrokers: string;
  topicPrefix: string;
  schema: string;
  authSchema: string;
  /** The environment a service under test reads (also written into process.env). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function infrastructureFromEnv(): { databaseUrl: string; kafkaBrokers: string } {
  const databaseUrl = process.env.DATABASE_URL;
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!databaseUrl || !kafkaBrokers) {
    throw new Error('DATABASE_URL and KAFKA_BROKERS are not set: run the tests with `npm test`, which starts them.');
  }
  // Refuse to run destructive tests against a database that is not named for tests (a production URL left in a shell).
  const database = new URL(databaseUrl).pathname.slice(1);
  if (!/test/i.test(database)) {
    throw new Error(`refusing to run tests against database "${database}": its name must contain "test"`);
  }
  return { databaseUrl, kafkaBrokers };
}

/** Creates a fresh schema pair and topic prefix for one test file, and sets process.env for services under test. */
export async function isolatedEnvironment(label: string, extra: Record<string, string> = {}): Promise<TestEnvironment> {
  const { databaseUrl, kafkaBrokers } = infrastructureFromEnv();
  const id = `${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const schema = `t_${id}`;
  const authSchema = `t_${id}_auth`;
  const topicPrefix = `t.${id}.`;
  const env = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    DB_SCHEMA: schema,
    AUTH_SCHEMA: authSchema,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    OUTBOX_POLL_MS: '500',
    // Evidence files under the file's own key prefix in the shared bucket (EVIDENCE_S3_* from `npm test`).
    EVIDENCE_S3_PREFIX: `${id}/`,
    ...extra,
  };
  Object.assign(process.env, env);
  return {
    databaseUrl,
    kafkaBrokers,
    topicPrefix,
    schema,
    authSchema,
    env,
    cleanup: async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${authSchema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
