/**
 * `npm run infra`: only the infrastructure (Kafka, Postgres and the object store, as `npm test` starts them), for
 * running jest or a service by hand. It prints the variables to export and stops everything on Ctrl-C.
 */
import { startInfrastructure } from '../infra';

async function main(): Promise<void> {
  const database = process.argv[2] ?? 'settle_test';
  const infrastructure = await startInfrastructure({ database, kafkaName: 'dev-infra' });
  console.log(`\nexport KAFKA_BROKERS=${infrastructure.kafkaBrokers}`);
  console.log(`export DATABASE_URL=${infrastructure.databaseUrl}`);
  for (const [name, value] of Object.entries(infrastructure.evidenceEnv)) console.log(`export ${name}=${value}`);
  console.log('');
  console.log('Press Ctrl-C to stop.');
  const stop = () => void infrastructure.stop().then(() => process.exit(0));
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
