import type { Type } from '@nestjs/common';
import { previewOpenApiDocument, type ServiceDefinition } from '@settle/platform';
import { isolatedEnvironment, startService, type TestEnvironment } from '@settle/testing';
import { DataSource } from 'typeorm';
import { AppModule as DisputeIntakeModule } from './dispute-intake/src/app.module';
import { DisputeIntakeService } from './dispute-intake/src/service';
import { AppModule as EscalationTimerModule } from './escalation-timer/src/app.module';
import { EscalationTimerService } from './escalation-timer/src/service';
import { AppModule as ListingAuditModule } from './listing-audit/src/app.module';
import { ListingAuditService } from './listing-audit/src/service';
import { AppModule as NegotiationModule } from './negotiation/src/app.module';
import { NegotiationService } from './negotiation/src/service';

const SERVICES: [ServiceDefinition, Type<unknown>][] = [
  [ListingAuditService, ListingAuditModule],
  [DisputeIntakeService, DisputeIntakeModule],
  [NegotiationService, NegotiationModule],
  [EscalationTimerService, EscalationTimerModule],
];

describe.each(SERVICES.map(([definition, module]) => ({ name: definition.name, definition, module })))(
  '$name boots as a hybrid HTTP + Kafka service',
  ({ definition, module }) => {
    let environment: TestEnvironment;

    beforeAll(async () => {
      environment = await isolatedEnvironment(definition.name);
    });

    afterAll(async () => {
      await environment.cleanup();
    });

    it('serves health, readiness, metrics and its OpenAPI document', async () => {
      const service = await startService(module, definition);
      try {
        expect((await fetch(`${service.baseUrl}/health/live`)).status).toBe(200);
        const ready = await fetch(`${service.baseUrl}/health/ready`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
        expect(await (await fetch(`${service.baseUrl}/metrics`)).text()).toContain('process_cpu_seconds_total');
        const docs = (await (await fetch(`${service.baseUrl}/docs-json`)).json()) as { info: { title: string } };
        expect(docs.info.title).toBe(`Settle ${definition.title}`);
        // The console's types are generated from the document built without starting the service: the same one.
        expect(docs).toEqual(await previewOpenApiDocument(module, definition));
        expect((await fetch(`${service.baseUrl}/docs`)).headers.get('content-type')).toMatch(/text\/html/);
        // Its migrations ran in its own schema, with the messaging tables.
        const [{ tables }] = await service.app
          .get(DataSource)
          .query(
            `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('outbox','inbox','idempotency_keys')`,
            [environment.schema],
          );
        expect(tables).toBe(3);
      } finally {
        await service.close();
      }
    });
  },
);
