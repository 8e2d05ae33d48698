import { Module } from '@nestjs/common';
import {
  isolatedEnvironment,
  startService,
  eventually,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { freePort, startKafka, type KafkaNode } from '../../../../deploy/infra/kafka';
import { PlatformModule, type ServiceDefinition } from '../platform.module';

const definition: ServiceDefinition = {
  name: 'readiness-spec',
  schema: 'readiness_spec',
  defaultPort: 0,
  title: 'readiness spec',
  description: 'a service whose broker the test stops and starts',
};

@Module({ imports: [PlatformModule.forService(definition)] })
class ReadinessModule {}

/** This file runs its own broker, so stopping it disturbs no other test. */
describe('/health/ready follows the broker', () => {
  let broker: KafkaNode;
  let port: number;
  let controllerPort: number;
  let environment: TestEnvironment;
  let service: RunningService;

  beforeAll(async () => {
    port = await freePort();
    do controllerPort = await freePort();
    while (controllerPort === port);
    broker = await startKafka({ name: 'readiness-spec', port, controllerPort });
    environment = await isolatedEnvironment('readiness', { KAFKA_BROKERS: broker.brokers });
    service = await startService(ReadinessModule, definition);
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await environment?.cleanup();
    await broker?.stop();
  }, 60_000);

  const ready = () => fetch(`${service.baseUrl}/health/ready`);

  it('passes with the broker up, fails while it is stopped, and passes again once it is back', async () => {
    expect((await ready()).status).toBe(200);

    const dataDir = broker.dataDir;
    await broker.stop();
    const down = await eventually(
      async () => {
        const response = await ready();
        return response.status === 503 ? response : undefined;
      },
      { timeoutMs: 30_000, what: 'readiness to fail' },
    );
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await down.json()).toMatchObject({ status: 503, checks: { error: { kafka: { status: 'down' } } } });

    broker = await startKafka({ name: 'readiness-spec', port, controllerPort, dataDir });
    await eventually(async () => (await ready()).status === 200, {
      timeoutMs: 60_000,
      what: 'readiness to pass again',
    });
  }, 180_000);
});
