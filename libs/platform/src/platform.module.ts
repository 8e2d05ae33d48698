import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import {
  createKafka,
  currentCorrelationId,
  KafkaProbe,
  Outbox,
  OutboxRelay,
  parseBrokers,
  runWithContext,
  TransactionRunner,
  type Kafka,
} from '@settle/messaging';
import type { NextFunction, Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { ApiKeyStore, ensureAuthSchema } from './auth/api-keys';
import { Clock } from './clock';
import { ApiKeyGuard } from './auth/auth.guard';
import { RequestBodyGuard } from './http/body-parsing';
import { loadConfig, ServiceConfig } from './config/service-config';
import { runServiceMigrations, serviceDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { collectProcessMetrics, HttpMetricsInterceptor, MetricsController } from './health/metrics';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';

export interface ServiceDefinition {
  /** `dispute-intake`: the CloudEvents `source`, the Kafka client id and consumer group. */
  name: string;
  /** Default Postgres schema (DB_SCHEMA overrides it). */
  schema: string;
  defaultPort: number;
  title: string;
  description: string;
  config?: new () => ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  /**
   * Kafka, the outbox and its relay, the messaging tables and Idempotency-Key records. Default true; the console
   * (a gateway with sessions, no events of its own) sets it false.
   */
  messaging?: boolean;
}

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const KAFKA = Symbol('KAFKA');
export const CORRELATION_HEADER = 'x-correlation-id';

export function schemaOf(config: ServiceConfig, definition: ServiceDefinition): string {
  return config.DB_SCHEMA ?? definition.schema;
}

/** Migrations, the auth schema and the outbox relay follow the app's lifecycle. */
@Injectable()
export class PlatformLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Platform');
  private relay?: OutboxRelay;

  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly config: ServiceConfig,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Optional() @Inject(KAFKA) private readonly kafka?: Kafka,
  ) {}

  async onModuleInit(): Promise<void> {
    const schema = schemaOf(this.config, this.definition);
    await ensureAuthSchema(this.dataSource, this.config.AUTH_SCHEMA);
    if (this.config.MIGRATIONS_RUN) {
      const applied = await runServiceMigrations(this.dataSource, schema);
      if (applied.length > 0) this.logger.log(`applied migrations in ${schema}: ${applied.join(', ')}`);
    }
    if (!this.kafka) return;
    this.relay = new OutboxRelay({
      databaseUrl: this.config.DATABASE_URL,
      schema,
      kafka: this.kafka,
      pollIntervalMs: this.config.OUTBOX_POLL_MS,
      log: (level, message, extra) =>
        this.logger[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(extra ?? {})}`),
    });
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const header = request.headers[CORRELATION_HEADER];
  const correlationId = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
  request.headers[CORRELATION_HEADER] = correlationId;
  response.setHeader(CORRELATION_HEADER, correlationId);
  runWithContext({ correlationId }, next);
}

/**
 * Everything a Settle service shares: validated configuration, its DataSource (own schema, migrations),
 * Kafka client, outbox and relay, API-key auth, problem+json errors, validation, idempotency, health,
 * metrics and JSON logs. A service imports `PlatformModule.forService(...)` once.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forService(definition: ServiceDefinition): DynamicModule {
    const configClass = definition.config ?? ServiceConfig;
    const configProvider = { provide: ServiceConfig, useFactory: () => loadConfig(configClass) };
    const extraConfig = configClass === ServiceConfig ? [] : [{ provide: configClass, useExisting: ServiceConfig }];
    const messaging = definition.messaging !== false;
    collectProcessMetrics();
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          extraProviders: [configProvider],
          useFactory: (config: ServiceConfig) =>
            serviceDataSourceOptions({
              databaseUrl: config.DATABASE_URL,
              schema: schemaOf(config, definition),
              entities: definition.entities,
              migrations: definition.migrations,
              messaging,
            }),
        }),
        LoggerModule.forRootAsync({
          inject: [ServiceConfig],
          providers: [configProvider],
          useFactory: (config: ServiceConfig) => ({
            pinoHttp: serviceLogOptions(definition.name, config.LOG_LEVEL),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        configProvider,
        ...extraConfig,
        { provide: SERVICE_DEFINITION, useValue: definition },
        ...(messaging ? messagingProviders(definition) : []),
        {
          provide: ApiKeyStore,
          inject: [getDataSourceToken(), ServiceConfig],
          useFactory: (dataSource: DataSource, config: ServiceConfig) =>
            new ApiKeyStore(dataSource, config.AUTH_SCHEMA),
        },
        Clock,
        PlatformLifecycle,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: RequestBodyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
        ...(messaging ? [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] : []),
      ],
      exports: [
        ServiceConfig,
        ...extraConfig.map((provider) => provider.provide),
        SERVICE_DEFINITION,
        ...(messaging ? [KAFKA, Outbox, TransactionRunner, KafkaProbe] : []),
        ApiKeyStore,
        Clock,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}

/** The Kafka client, the outbox and Kafka's health probe: every service but the console. */
function messagingProviders(definition: ServiceDefinition): Provider[] {
  return [
    {
      provide: KAFKA,
      inject: [ServiceConfig],
      useFactory: (config: ServiceConfig) => {
        const logger = new Logger('kafkajs');
        return createKafka({
          brokers: parseBrokers(config.KAFKA_BROKERS),
          clientId: definition.name,
          log: (level, message, extra) =>
            logger[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(extra)}`),
        });
      },
    },
    {
      provide: Outbox,
      inject: [ServiceConfig],
      useFactory: (config: ServiceConfig) => new Outbox(definition.name, config.KAFKA_TOPIC_PREFIX),
    },
    {
      provide: TransactionRunner,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new TransactionRunner(dataSource),
    },
    {
      provide: KafkaProbe,
      inject: [ServiceConfig],
      useFactory: (config: ServiceConfig) => new KafkaProbe(parseBrokers(config.KAFKA_BROKERS)),
    },
  ];
}

/** True when the logger's own bindings (a request's child logger) already carry the correlation id. */
function hasCorrelationBinding(logger: pino.Logger): boolean {
  const bindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  return typeof bindings === 'string' && bindings.includes('"correlationId":');
}

/**
 * pino options of every service: JSON lines with the service name, and the correlation id of the
 * request or Kafka message being handled (from the async context) on every line logged inside it.
 * A request is logged by its id, method and URL, never by its headers: no API key or signature can reach a log, and
 * the logger pino-http binds to each request costs three fields rather than the serialization and redaction of
 * every header (it is built for every request, whatever the level: 1.76 -> 1.49 ms CPU per intake request).
 */
export function serviceLogOptions(service: string, level: string): PinoHttpOptions {
  return {
    level,
    base: { service },
    genReqId: (request) => {
      const header = request.headers[CORRELATION_HEADER];
      return typeof header === 'string' ? header : randomUUID();
    },
    customProps: (request) => ({ correlationId: request.id }),
    // A request's own logger already carries correlationId (customProps); the mixin adds it only to lines that lack
    // it (Kafka handlers, services' own loggers), so no line carries the key twice.
    mixin: (_mergeObject, _level, logger) => {
      const correlationId = currentCorrelationId();
      if (!correlationId || hasCorrelationBinding(logger)) return {};
      return { correlationId };
    },
    wrapSerializers: false,
    serializers: {
      req: (request: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: request.id,
        method: request.method,
        url: request.originalUrl ?? request.url,
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      err: pino.stdSerializers.err,
    },
    autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
  };
}
