import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SettleKafkaServer, type Kafka } from '@settle/messaging';
import { Logger } from 'nestjs-pino';
import { followClusterPrimary, isClusterPrimary, runClusterPrimary, webConcurrency } from './cluster';
import { ServiceConfig } from './config/service-config';
import { KAFKA, type ServiceDefinition } from './platform.module';

/** Builds a service as a hybrid Nest app (HTTP + Kafka), started but not yet listening on HTTP. */
export async function createServiceApp(
  module: Type<unknown>,
  definition: ServiceDefinition,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, {
    bufferLogs: true,
    abortOnError: false,
    rawBody: definition.rawBody ?? false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Settle ${definition.title}`)
      .setDescription(definition.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

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
  await app.startAllMicroservices();
  return app;
}

/**
 * `main.ts` of every service: build, listen on PORT (or the service's default), log where it is. With
 * `WEB_CONCURRENCY` N > 1 this process forks N workers that each do so on the same port (see `runClusterPrimary`).
 */
export async function bootstrapService(module: Type<unknown>, definition: ServiceDefinition): Promise<void> {
  const workers = webConcurrency();
  if (isClusterPrimary(workers)) {
    process.exit(await runClusterPrimary(definition.name, workers));
  }
  followClusterPrimary();
  const app = await createServiceApp(module, definition);
  const port = app.get(ServiceConfig).PORT ?? definition.defaultPort;
  await app.listen(port, '0.0.0.0');
  app.get(Logger).log(`${definition.name} listening on http://127.0.0.1:${port} (docs: /docs)`);
}
