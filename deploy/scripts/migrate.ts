/**
 * `npm run migrate`: the auth schema and every service's migrations, each in its own schema. Services
 * also migrate on start (MIGRATIONS_RUN, under an advisory lock); this is the explicit step for deploys.
 */
import {
  createServiceDataSource,
  ensureAuthSchema,
  runServiceMigrations,
  type ServiceDefinition,
} from '@settle/platform';
import { ConsoleService } from '../../apps/console/src/service';
import { DisputeIntakeService } from '../../apps/dispute-intake/src/service';
import { EscalationTimerService } from '../../apps/escalation-timer/src/service';
import { ListingAuditService } from '../../apps/listing-audit/src/service';
import { NegotiationService } from '../../apps/negotiation/src/service';
import { runtimeDatabaseUrl } from './keys';

export const DEFINITIONS: ServiceDefinition[] = [
  ListingAuditService,
  DisputeIntakeService,
  NegotiationService,
  EscalationTimerService,
  ConsoleService,
];

export async function migrateAll(databaseUrl: string): Promise<void> {
  for (const definition of DEFINITIONS) {
    const dataSource = await createServiceDataSource({
      databaseUrl,
      schema: definition.schema,
      entities: definition.entities,
      migrations: definition.migrations,
      messaging: definition.messaging,
    }).initialize();
    try {
      await ensureAuthSchema(dataSource, process.env.AUTH_SCHEMA ?? 'auth');
      const applied = await runServiceMigrations(dataSource, definition.schema);
      console.log(
        `settle: ${definition.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`,
      );
    } finally {
      await dataSource.destroy();
    }
  }
}

if (require.main === module) {
  migrateAll(runtimeDatabaseUrl()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
