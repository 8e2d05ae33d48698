import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDefinition } from '../platform.module';
import './contracts';

/** `DisputesController.open` → `disputes_open`: readable, unique per service, stable while the method keeps its name. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}_${methodKey}`;
}

/** The OpenAPI document a service serves at `/docs-json`. */
export function openApiDocument(app: INestApplication, definition: ServiceDefinition): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Settle ${definition.title}`)
      .setDescription(definition.description)
      .setVersion('1')
      .addServer('/', 'The service itself')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' })
      .build(),
    { operationIdFactory: operationIdOf },
  );
}

/**
 * The same document without starting the service: Nest's preview mode resolves the module graph but instantiates no
 * provider, so nothing connects to Postgres or Kafka. The document depends only on the controllers and their
 * decorators, so it is the one `/docs-json` serves (apps/services.int-spec.ts compares them).
 */
export async function previewOpenApiDocument(
  module: Type<unknown>,
  definition: ServiceDefinition,
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, definition);
  } finally {
    await app.close();
  }
}
