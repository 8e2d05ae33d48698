import { MessagingTables1764000000000 } from '@settle/messaging';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

export interface ServiceDataSourceInput {
  databaseUrl: string;
  /** The service's own schema, set as the connection's search_path: entities and raw SQL stay unqualified. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  poolSize?: number;
  /** The messaging tables (outbox, inbox, idempotency keys) first; default true (ServiceDefinition.messaging). */
  messaging?: boolean;
}

/** One definition of a service's DataSource, shared by the app, its migration CLI and its tests. */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.databaseUrl,
    entities: input.entities ?? [],
    migrations: [...(input.messaging === false ? [] : [MessagingTables1764000000000]), ...(input.migrations ?? [])],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { options: `-c search_path=${input.schema}`, max: input.poolSize ?? 10 },
  };
}

/** Creates the schema and runs pending migrations under an advisory lock, so replicas may start together. */
export async function runServiceMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`settle.migrations.${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query(`SELECT pg_advisory_unlock(hashtext($1))`, [`settle.migrations.${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

export function createServiceDataSource(input: ServiceDataSourceInput): DataSource {
  return new DataSource(serviceDataSourceOptions(input));
}
