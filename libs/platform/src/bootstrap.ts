import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { SettleKafkaServer, type Kafka } from '@settle/messaging';
import { Logger } from 'nestjs-pino';
import type { Express } from 'express';
import { followClusterPrimary, isClusterPrimary, runClusterPrimary, webConcurrency } from './cluster';
import { ServiceConfig } from './config/service-config';
import { openApiDocument } from './openapi/document';
import { KAFKA, type ServiceDefinition } from './platform.module';

/**
 * Builds a service as a hybrid Nest app (HTTP + Kafka), initialised but not yet listening on HTTP. Its Kafka consumers
 * have joined their group when this resolves, unless `startConsumers` is false: then `startConsumers(app)` does it.
 */
export async function createServiceApp(
  module: Type<unknown>,
  definition: ServiceDefinition,
  options: { startConsumers?: boolean } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(module, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // bodies are read per route, with per-route limits: http/body-parsing.ts
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');

  SwaggerModule.setup('docs', app, openApiDocument(app, definition), { jsonDocumentUrl: 'docs-json' });

  const config = app.get(ServiceConfig);
  app.connectMicroservice(
    {
      strategy: new SettleKafkaServer({
        kafka: app.get<Kafka>(KAFKA),
        groupId: `${config.KAFKA_TOPIC_PREFIX}${definition.name}`,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      }),
    },
    { inheritAppConfig: true },
  );
  await app.init();
  if (options.startConsumers ?? true) await app.startAllMicroservices();
  return app;
}

/**
 * Joins the consumer group in the background. The join can take up to the session timeout
 * (KAFKA_SESSION_TIMEOUT_MS) when a member of the group died without leaving (a crash, `kill -9`): the broker waits
 * for it first. Messages wait in Kafka meanwhile; a failure to start the consumers ends the process (non-zero).
 */
export function startConsumers(app: INestApplication, name: string): void {
  const logger = app.get(Logger);
  const started = Date.now();
  app.startAllMicroservices().then(
    () => logger.log(`${name} consumers joined their group in ${Date.now() - started} ms`),
    (error: unknown) => {
      logger.error(`${name} could not start its Kafka consumers: ${(error as Error).message}`);
      void app.close().finally(() => process.exit(1));
    },
  );
}

/**
 * `main.ts` of every service: build, listen on PORT (or the service's default), log where it is, then join the
 * consumer group. With
 * `WEB_CONCURRENCY` N > 1 this process forks N workers that each do so on the same port (see `runClusterPrimary`).
 */
export async function bootstrapService(module: Type<unknown>, definition: ServiceDefinition): Promise<void> {
  const workers = webConcurrency();
  if (isClusterPrimary(workers)) {
    process.exit(await runClusterPrimary(definition.name, workers));
  }
  followClusterPrimary();
  // Listen first, join the group after: a restarted service serves HTTP and answers /health/ready (Postgres and
  // Kafka answer) within seconds, while its consumers wait out a crashed member's session and then catch up.
  const app = await createServiceApp(module, definition, { startConsumers: false });
  const port = app.get(ServiceConfig).PORT ?? definition.defaultPort;
  await app.listen(port, '0.0.0.0');
  app.get(Logger).log(`${definition.name} listening on http://127.0.0.1:${port} (docs: /docs)`);
  startConsumers(app, definition.name);
}
