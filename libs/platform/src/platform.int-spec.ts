import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseEnvelope } from '@settle/contracts';
import { currentCorrelationId, Outbox } from '@settle/messaging';
import {
  expectProblem,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertSellerScope, CurrentPrincipal, Roles } from './auth/auth.guard';
import type { Principal } from './auth/api-keys';
import { NotFound } from './errors';
import {
  CurrentIdempotencyClaim,
  IdempotencyKeyRequired,
  IdempotencyRecordedInTransaction,
  recordIdempotentResponse,
  type IdempotencyClaim,
} from './http/idempotency.interceptor';
import { PlatformModule, type ServiceDefinition } from './platform.module';

const TOPIC = 'settle.test.parcels.v1';

class CreateParcelRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 40)
  sellerId!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  weightGrams!: number;
}

@Controller('v1')
class ParcelsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  @Post('parcels')
  @Roles('platform')
  @IdempotencyKeyRequired()
  @HttpCode(201)
  async create(@Body() request: CreateParcelRequest) {
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO parcels (id, seller_id, weight_grams) VALUES ($1, $2, $3)`, [
        id,
        request.sellerId,
        request.weightGrams,
      ]);
      await this.outbox.append(manager, [
        { topic: TOPIC, type: 'parcel.created', subject: id, sellerId: request.sellerId, data: { id } },
      ]);
    });
    return { id, sellerId: request.sellerId, weightGrams: request.weightGrams, correlationId: currentCorrelationId() };
  }

  /** The same, with the Idempotency-Key record written in the handler's own transaction. */
  @Post('parcels-in-transaction')
  @Roles('platform')
  @IdempotencyKeyRequired()
  @IdempotencyRecordedInTransaction()
  @HttpCode(201)
  async createInTransaction(
    @Body() request: CreateParcelRequest,
    @CurrentIdempotencyClaim() claim: IdempotencyClaim | undefined,
  ) {
    const id = randomUUID();
    const response = { id, sellerId: request.sellerId, weightGrams: request.weightGrams };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO parcels (id, seller_id, weight_grams) VALUES ($1, $2, $3)`, [
        id,
        request.sellerId,
        request.weightGrams,
      ]);
      // Slow enough for concurrent requests under one key to overlap.
      await manager.query(`SELECT pg_sleep(0.05)`);
      if (claim) await recordIdempotentResponse(manager, claim, 201, response);
    });
    return response;
  }

  @Get('sellers/:sellerId/parcels/:id')
  @Roles('seller', 'staff', 'lead', 'platform')
  async get(@CurrentPrincipal() principal: Principal, @Param('sellerId') sellerId: string, @Param('id') id: string) {
    assertSellerScope(principal, sellerId, 'Parcel', id);
    const [row] = await this.dataSource.query(`SELECT id, seller_id FROM parcels WHERE id = $1 AND seller_id = $2`, [
      id,
      sellerId,
    ]);
    if (!row) throw new NotFound('Parcel', id);
    return { id: row.id, sellerId: row.seller_id };
  }
}

const definition: ServiceDefinition = {
  name: 'platform-spec',
  schema: 'platform_spec',
  defaultPort: 0,
  title: 'platform spec',
  description: 'a service made for the platform library’s tests',
};

@Module({ imports: [PlatformModule.forService(definition)], controllers: [ParcelsController] })
class ParcelsModule {}

describe('platform: auth, problem+json, validation, idempotency, health (real Postgres and Kafka)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafkaClient: KafkaTestClient;
  let keys: { platform: string; seller1: string; seller2: string; staff: string };

  beforeAll(async () => {
    environment = await isolatedEnvironment('platform');
    service = await startService(ParcelsModule, definition);
    const dataSource = service.app.get(DataSource);
    await dataSource.query(
      `CREATE TABLE parcels (id uuid PRIMARY KEY, seller_id text NOT NULL, weight_grams int NOT NULL)`,
    );
    keys = {
      platform: await service.createKey('platform'),
      seller1: await service.createKey('seller', 'S-1'),
      seller2: await service.createKey('seller', 'S-2'),
      staff: await service.createKey('staff'),
    };
    kafkaClient = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafkaClient.watch([TOPIC]);
  });

  afterAll(async () => {
    await kafkaClient.close();
    await service.close();
    await environment.cleanup();
  });

  function call(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    return service.call(method, path, options.key, options.body, options.headers);
  }

  const body = (response: Response): Promise<any> => response.json();

  async function problemOf(response: Response, status: number) {
    const problem = await expectProblem(response, status);
    expect(problem).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    return problem;
  }

  const newParcel = (key = randomUUID(), body: unknown = { sellerId: 'S-1', weightGrams: 120 }) =>
    call('POST', '/v1/parcels', { key: keys.platform, body, headers: { 'idempotency-key': key } });

  describe('auth', () => {
    it('answers 401 without a key and with an unknown key', async () => {
      await problemOf(await call('GET', '/v1/sellers/S-1/parcels/x'), 401);
      await problemOf(await call('GET', '/v1/sellers/S-1/parcels/x', { key: 'stl_seller_not-a-real-key' }), 401);
    });

    it('answers 403 for a key of the wrong role', async () => {
      const response = await call('POST', '/v1/parcels', {
        key: keys.seller1,
        body: { sellerId: 'S-1', weightGrams: 1 },
        headers: { 'idempotency-key': randomUUID() },
      });
      const problem = await problemOf(response, 403);
      expect(problem.detail).toMatch(/platform/);
    });

    it("answers 404, not 403, for a seller's key on another seller's resource", async () => {
      const created = await body(await newParcel());
      expect((await call('GET', `/v1/sellers/S-1/parcels/${created.id}`, { key: keys.seller1 })).status).toBe(200);
      expect((await call('GET', `/v1/sellers/S-1/parcels/${created.id}`, { key: keys.staff })).status).toBe(200);
      await problemOf(await call('GET', `/v1/sellers/S-1/parcels/${created.id}`, { key: keys.seller2 }), 404);
    });

    it('stores keys hashed, never in clear', async () => {
      const dataSource = service.app.get(DataSource);
      const rows: { key_hash: string; key_prefix: string }[] = await dataSource.query(
        `SELECT key_hash, key_prefix FROM "${environment.authSchema}".api_keys`,
      );
      const hashes = rows.map((row) => row.key_hash);
      for (const key of Object.values(keys)) {
        expect(hashes).toContain(createHash('sha256').update(key).digest('hex'));
        expect(JSON.stringify(rows)).not.toContain(key);
      }
    });
  });

  describe('errors', () => {
    it('refuses an unknown field with 400 problem+json naming it, and changes nothing', async () => {
      const before = await countParcels();
      const problem = await problemOf(
        await newParcel(undefined, { sellerId: 'S-1', weightGrams: 5, colour: 'red' }),
        400,
      );
      expect(problem.errors).toEqual(expect.arrayContaining([{ field: 'colour', message: expect.any(String) }]));
      expect(await countParcels()).toBe(before);
    });

    it('names every invalid field', async () => {
      const problem = await problemOf(await newParcel(undefined, { sellerId: '', weightGrams: 0.5 }), 400);
      const fields = (problem.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['sellerId', 'weightGrams']));
    });

    it('answers problem+json for malformed JSON and unknown routes too', async () => {
      const malformed = await fetch(`${service.baseUrl}/v1/parcels`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${keys.platform}`,
          'content-type': 'application/json',
          'idempotency-key': 'k',
        },
        body: '{"sellerId":',
      });
      await problemOf(malformed, 400);
      await problemOf(await call('GET', '/v1/nowhere', { key: keys.platform }), 404);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first response for the same key and body, and applies the request once', async () => {
      const key = randomUUID();
      const before = await countParcels();
      const first = await newParcel(key);
      const second = await newParcel(key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await body(second)).toEqual(await body(first));
      expect(await countParcels()).toBe(before + 1);
    });

    it('answers 422 for the same key with a different body', async () => {
      const key = randomUUID();
      await newParcel(key);
      const problem = await problemOf(await newParcel(key, { sellerId: 'S-1', weightGrams: 999 }), 422);
      expect(problem.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('lets a retry take over a claim its process abandoned mid-request (kill -9), not one still running', async () => {
      const parcel = { sellerId: 'S-1', weightGrams: 120 };
      const requestHash = createHash('sha256')
        .update(`POST /v1/parcels\n${JSON.stringify(parcel)}`)
        .digest('hex');
      const scope = (await service.keys.resolve(keys.platform))?.keyId;
      const claim = async (key: string, age: string) =>
        service.app
          .get(DataSource)
          .query(
            `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, now() - $4::interval)`,
            [scope, key, requestHash, age],
          );
      const running = randomUUID();
      await claim(running, '5 seconds');
      expect((await problemOf(await newParcel(running, parcel), 409)).code).toBe('IDEMPOTENCY_KEY_IN_USE');
      const abandoned = randomUUID();
      await claim(abandoned, '2 minutes');
      const before = await countParcels();
      const retried = await newParcel(abandoned, parcel);
      expect(retried.status).toBe(201);
      expect(await countParcels()).toBe(before + 1);
      expect((await newParcel(abandoned, parcel)).headers.get('idempotent-replayed')).toBe('true');
    });

    describe('recorded in the handler’s transaction', () => {
      const post = (key: string, parcel: unknown = { sellerId: 'S-1', weightGrams: 7 }) =>
        call('POST', '/v1/parcels-in-transaction', {
          key: keys.platform,
          body: parcel,
          headers: { 'idempotency-key': key },
        });

      it('returns the first response for the same key and body, and applies the request once', async () => {
        const key = randomUUID();
        const before = await countParcels();
        const first = await post(key);
        const second = await post(key);
        expect(first.status).toBe(201);
        expect(second.status).toBe(201);
        expect(second.headers.get('idempotent-replayed')).toBe('true');
        expect(await body(second)).toEqual(await body(first));
        expect(await countParcels()).toBe(before + 1);
      });

      it('answers 422 for the same key with a different body', async () => {
        const key = randomUUID();
        expect((await post(key)).status).toBe(201);
        const problem = await problemOf(await post(key, { sellerId: 'S-1', weightGrams: 999 }), 422);
        expect(problem.code).toBe('IDEMPOTENCY_KEY_REUSED');
      });

      it('applies concurrent requests under one key once, each answered with the first response', async () => {
        const key = randomUUID();
        const before = await countParcels();
        const responses = await Promise.all([post(key), post(key), post(key)]);
        const bodies = await Promise.all(responses.map(body));
        expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
        expect(new Set(bodies.map((parcel: { id: string }) => parcel.id)).size).toBe(1);
        expect(await countParcels()).toBe(before + 1);
      });

      it('leaves the key free after a refused request', async () => {
        const key = randomUUID();
        await problemOf(await post(key, { sellerId: 'S-1', weightGrams: 0 }), 400);
        expect((await post(key)).status).toBe(201);
      });
    });

    it('answers 400 naming the header when a route requires it', async () => {
      const problem = await problemOf(
        await call('POST', '/v1/parcels', { key: keys.platform, body: { sellerId: 'S-1', weightGrams: 1 } }),
        400,
      );
      expect(problem.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    });
  });

  it('carries the correlation id from the HTTP request through the outbox into Kafka', async () => {
    const response = await call('POST', '/v1/parcels', {
      key: keys.platform,
      body: { sellerId: 'S-1', weightGrams: 42 },
      headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': 'corr-http-42' },
    });
    const created = await body(response);
    expect(response.headers.get('x-correlation-id')).toBe('corr-http-42');
    expect(created.correlationId).toBe('corr-http-42');
    const message = await kafkaClient.waitForMessage(TOPIC, (m) => m.key === created.id);
    expect(message.headers['correlation-id']).toBe('corr-http-42');
    expect(parseEnvelope(message.value)).toMatchObject({
      correlationid: 'corr-http-42',
      source: 'platform-spec',
      sellerid: 'S-1',
    });
  });

  it('serves health, metrics and the OpenAPI document without a key', async () => {
    expect(await body(await call('GET', '/health/live'))).toEqual({ status: 'ok' });
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(await body(ready)).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
    const metrics = await (await call('GET', '/metrics')).text();
    expect(metrics).toContain('settle_http_request_seconds');
    expect(metrics).toContain('settle_outbox_published_total');
    const docs = await body(await call('GET', '/docs-json'));
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/v1/parcels', '/health/ready']));
  });

  async function countParcels(): Promise<number> {
    const [{ count }] = await service.app.get(DataSource).query(`SELECT count(*)::int AS count FROM parcels`);
    return count;
  }
});
