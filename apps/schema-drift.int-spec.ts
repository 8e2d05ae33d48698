import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { Client } from 'pg';
import { isolatedEnvironment, type TestEnvironment } from '@settle/testing';
import { ConsoleService } from './console/src/service';
import { DisputeIntakeService } from './dispute-intake/src/service';
import { EscalationTimerService } from './escalation-timer/src/service';
import { ListingAuditService } from './listing-audit/src/service';
import { NegotiationService } from './negotiation/src/service';

/**
 * docs/ARCHITECTURE.md, "How to add things": migrations are reviewed code, and CI fails when a service's entities and its migrations
 * disagree. After every migration has run, TypeORM's schema builder must find nothing left to change.
 */
describe.each([ListingAuditService, DisputeIntakeService, NegotiationService, EscalationTimerService, ConsoleService])(
  '$name migrations',
  (definition) => {
    let environment: TestEnvironment;

    beforeAll(async () => {
      environment = await isolatedEnvironment(`drift_${definition.schema}`);
    });

    afterAll(async () => {
      await environment.cleanup();
    });

    it('leave nothing for the entities to change, and undo cleanly', async () => {
      // As at a service's start: the schema exists before the connection that sets search_path to it opens
      // (TypeORM reads the current schema once, on connect).
      const client = new Client({ connectionString: environment.databaseUrl });
      await client.connect();
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${environment.schema}"`);
      await client.end();
      const dataSource = await createServiceDataSource({
        databaseUrl: environment.databaseUrl,
        schema: environment.schema,
        entities: definition.entities,
        migrations: definition.migrations,
        messaging: definition.messaging,
      }).initialize();
      try {
        await runServiceMigrations(dataSource, environment.schema);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((query) => query.query)).toEqual([]);
        // Every migration can be reverted (a bad deploy is rolled back with `migration:revert`).
        for (let index = 0; index < dataSource.migrations.length; index += 1) await dataSource.undoLastMigration();
        const [{ tables } = { tables: NaN }] = await dataSource.query<{ tables: number }[]>(
          `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`,
          [environment.schema],
        );
        expect(tables).toBe(0);
      } finally {
        await dataSource.destroy();
      }
    });
  },
);
