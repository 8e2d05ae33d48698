import { Body, Controller, Delete, Get, HttpCode, Module, Param, Post, Query, RawBody } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MoneyDto } from '@settle/contracts';
import { IsStringMap, IsText, Nested, NestedArray } from '@settle/contracts/validation';
import {
  expectProblem,
  isolatedEnvironment,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { IsOptional, IsString } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.guard';
import { PageQuery } from './pagination';
import { PlatformModule, type ServiceDefinition } from '../platform.module';
import { BODY_LIMITS, BodyLimit } from './body-parsing';
import { SettleIdPipe } from './path-ids';

class ParcelRequest {
  @IsText(20_000)
  note!: string;

  @Nested(() => MoneyDto)
  price!: MoneyDto;

  @IsOptional()
  @NestedArray(() => MoneyDto, { max: 10 })
  fees?: MoneyDto[];

  @IsOptional()
  @IsStringMap()
  attributes?: Record<string, string>;
}

class ParcelQuery extends PageQuery {
  @IsOptional()
  @IsString()
  label?: string;
}

/** A service whose every route records what it was asked, so a refused request is seen to change nothing. */
@Controller('v1')
class ParcelsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async record(action: string, detail: unknown) {
    await this.dataSource.query(`INSERT INTO actions (action, detail) VALUES ($1, $2)`, [
      action,
      JSON.stringify(detail),
    ]);
  }

  @Post('parcels')
  @Roles('platform')
  @HttpCode(201)
  async create(@Body() request: ParcelRequest) {
    await this.record('create', request);
    return { note: request.note.length };
  }

  @Post('documents')
  @Roles('platform')
  @BodyLimit(BODY_LIMITS.document)
  @HttpCode(201)
  async document(@Body() request: ParcelRequest) {
    await this.record('document', request.note.length);
    return { note: request.note.length };
  }

  @Post('parcels/:id/rotate')
  @Roles('platform')
  @HttpCode(200)
  async rotate(@Param('id', new SettleIdPipe('Parcel')) id: string) {
    await this.record('rotate', id);
    return { id };
  }

  @Delete('parcels/:id')
  @Roles('platform')
  @HttpCode(204)
  async remove(@Param('id', new SettleIdPipe('Parcel')) id: string) {
    await this.record('delete', id);
  }

  @Get('parcels/:id')
  @Roles('platform')
  async get(@Param('id', new SettleIdPipe('Parcel')) id: string) {
    const [row] = await this.dataSource.query(`SELECT $1::uuid AS id`, [id]);
    return row;
  }

  @Get('parcels')
  @Roles('platform')
  list(@Query() query: ParcelQuery) {
    return { label: query.label ?? null };
  }

  @Post('signed')
  @Roles('platform')
  @HttpCode(202)
  async signed(@RawBody() raw: Buffer | undefined) {
    await this.record('signed', raw?.length ?? 0);
    return { bytes: raw?.length ?? 0, text: raw?.toString('utf8') ?? '' };
  }
}

const definition: ServiceDefinition = {
  name: 'body-spec',
  schema: 'body_spec',
  defaultPort: 0,
  title: 'body parsing spec',
  description: 'request bodies, limits and path ids',
};

@Module({ imports: [PlatformModule.forService(definition)], controllers: [ParcelsController] })
class ParcelsModule {}

const nested = (levels: number, leaf: unknown = 1): string =>
  `${'{"a":'.repeat(levels)}${JSON.stringify(leaf)}${'}'.repeat(levels)}`;
const valid = { note: 'Hello', price: { amountMinor: 100, currency: 'USD' } };

describe('request bodies: limits, media types, shapes and path ids (real Postgres and Kafka)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let key: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('body');
    service = await startService(ParcelsModule, definition);
    await service.app.get(DataSource).query(`CREATE TABLE actions (id serial PRIMARY KEY, action text, detail text)`);
    key = await service.createKey('platform');
  });

  afterAll(async () => {
    await service.close();
    await environment.cleanup();
  });

  const actions = async (): Promise<number> =>
    (await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM actions`))[0].n as number;

  function send(method: string, path: string, body?: string | Buffer, contentType = 'application/json') {
    return fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body,
    });
  }

  /** Expects the problem and that no route ran. */
  async function refused(response: Promise<Response>, status: number) {
    const before = await actions();
    const problem = await expectProblem(await response, status);
    expect(problem.type).toEqual(expect.any(String));
    expect(await actions()).toBe(before);
    return problem;
  }

  it('accepts a valid body', async () => {
    const response = await send('POST', '/v1/parcels', JSON.stringify(valid));
    expect(response.status).toBe(201);
  });

  describe('limits', () => {
    it('answers 413 for a body over the route limit (64 KiB by default), declared or streamed', async () => {
      const big = JSON.stringify({ ...valid, note: 'x'.repeat(BODY_LIMITS.default) });
      const problem = await refused(send('POST', '/v1/parcels', big), 413);
      expect(problem.code).toBe('BODY_TOO_LARGE');
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      await refused(
        fetch(`${service.baseUrl}/v1/parcels`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: stream,
          duplex: 'half',
        }),
        413,
      );
    });

    it('lets a route declare a larger limit', async () => {
      const big = JSON.stringify({ ...valid, note: 'x'.repeat(20_000) });
      expect(big.length).toBeLessThan(BODY_LIMITS.default);
      const larger = JSON.stringify({ ...valid, note: 'é'.repeat(19_000), attributes: { a: 'x'.repeat(1000) } });
      expect((await send('POST', '/v1/documents', larger)).status).toBe(201);
      await refused(
        send('POST', '/v1/documents', JSON.stringify({ ...valid, note: 'x'.repeat(BODY_LIMITS.document) })),
        413,
      );
    });
  });

  describe('media types and encodings', () => {
    it.each([
      ['form-encoded', 'note=Hello&price=1', 'application/x-www-form-urlencoded'],
      ['text', JSON.stringify(valid), 'text/plain'],
      ['another charset', JSON.stringify(valid), 'application/json; charset=latin1'],
    ])('answers 415 for a %s body where JSON is expected', async (_label, body, type) => {
      const problem = await refused(send('POST', '/v1/parcels', body, type), 415);
      expect(problem.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it.each([
      ['malformed JSON', '{"note":', 'MALFORMED_JSON'],
      [
        'a byte order mark',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(valid))]),
        'BODY_HAS_BOM',
      ],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), 'BODY_NOT_UTF8'],
      ['an array', '[]', 'BODY_NOT_AN_OBJECT'],
      ['a string', '"note"', 'BODY_NOT_AN_OBJECT'],
      ['null', 'null', 'BODY_NOT_AN_OBJECT'],
    ])('answers 400 for %s', async (_label, body, code) => {
      const problem = await refused(send('POST', '/v1/parcels', body), 400);
      expect(problem.code).toBe(code);
    });
  });

  describe('shapes, in any field at any depth', () => {
    const fieldsOf = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((error) => error.field);

    it('answers 400 for 5,000 levels of nesting, in a known or an unknown field, without a stack overflow', async () => {
      for (const body of [
        `{"note":${nested(5000, 'x')},"price":{"amountMinor":1,"currency":"USD"}}`,
        `{"note":"x","price":{"amountMinor":1,"currency":"USD"},"deep":${nested(5000)}}`,
        `{"note":"x","price":{"amountMinor":1,"currency":"USD"},"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      ]) {
        const problem = await refused(send('POST', '/v1/parcels', body), 400);
        expect(problem.errors?.[0]?.message).toMatch(/deeper than 32/);
      }
    });

    it.each([
      ['a NUL in a string', { ...valid, note: 'a\u0000b' }, 'note'],
      ['a lone surrogate in a string', { ...valid, note: 'a\ud800b' }, 'note'],
      [
        'a lone low surrogate in a nested string',
        { ...valid, price: { amountMinor: 1, currency: '\udc00' } },
        'price.currency',
      ],
      ['a NUL in a map value', { ...valid, attributes: { colour: 'red\u0000' } }, 'attributes.colour'],
      ['a NUL in a map name', { ...valid, attributes: { 'col\u0000our': 'red' } }, 'attributes.col\u0000our'],
    ])('answers 400 naming the field for %s', async (_label, body, field) => {
      const problem = await refused(send('POST', '/v1/parcels', JSON.stringify(body)), 400);
      expect(fieldsOf(problem)).toContain(field);
    });

    it('keeps an emoji (a surrogate pair) as text', async () => {
      expect((await send('POST', '/v1/parcels', JSON.stringify({ ...valid, note: 'thanks 🙂' }))).status).toBe(201);
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a field at any depth', async (name) => {
      for (const body of [
        `{"note":"x","price":{"amountMinor":1,"currency":"USD"},"${name}":{"a":1}}`,
        `{"note":"x","price":{"amountMinor":1,"currency":"USD","${name}":{}}}`,
        `{"note":"x","price":{"amountMinor":1,"currency":"USD"},"attributes":{"${name}":"x"}}`,
      ]) {
        const problem = await refused(send('POST', '/v1/parcels', body), 400);
        expect(fieldsOf(problem).some((field) => field.endsWith(name))).toBe(true);
      }
    });

    it.each([
      ['an array for an object', { ...valid, price: [] }, 'price'],
      ['an array of arrays for an array of objects', { ...valid, fees: [[]] }, 'fees'],
      ['a string for an object', { ...valid, price: 'USD 1' }, 'price'],
    ])('answers 400 naming the field for %s', async (_label, body, field) => {
      const problem = await refused(send('POST', '/v1/parcels', JSON.stringify(body)), 400);
      expect(fieldsOf(problem)).toContain(field);
    });

    it('holds the query string to the same rules', async () => {
      const problem = await expectProblem(await send('GET', '/v1/parcels?label=a%00b'), 400);
      expect(fieldsOf(problem)).toEqual(['label']);
      await expectProblem(await send('GET', '/v1/parcels?__proto__=x'), 400);
      expect((await send('GET', '/v1/parcels?label=ok')).status).toBe(200);
    });
  });

  describe('routes without a body', () => {
    const id = randomUUID();

    it('act with no body or an empty object', async () => {
      expect((await send('POST', `/v1/parcels/${id}/rotate`)).status).toBe(200);
      expect((await send('POST', `/v1/parcels/${id}/rotate`, '{}')).status).toBe(200);
      expect((await send('DELETE', `/v1/parcels/${id}`)).status).toBe(204);
    });

    it('refuse any field as unknown, and do nothing', async () => {
      const problem = await refused(send('POST', `/v1/parcels/${id}/rotate`, '{"secret":"mine"}'), 400);
      expect(problem.errors).toEqual([{ field: 'secret', message: expect.stringMatching(/not a known field/) }]);
      await refused(send('DELETE', `/v1/parcels/${id}`, '{"force":true}'), 400);
      await refused(send('POST', `/v1/parcels/${id}/rotate`, '[1]'), 400);
      await refused(send('POST', `/v1/parcels/${id}/rotate`, 'secret=mine', 'application/x-www-form-urlencoded'), 415);
    });
  });

  describe('raw bodies', () => {
    it('hands the exact bytes, of any type, to a route that verifies them itself', async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a=1&b=2')]);
      const response = await send('POST', '/v1/signed', bytes, 'application/x-www-form-urlencoded');
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ bytes: bytes.length });
    });
  });

  describe('path ids', () => {
    it.each(['abc', `${randomUUID()}x`, '1%20OR%201=1'])('answers 404 for the id %s, before any query', async (id) => {
      const before = await actions();
      const problem = await expectProblem(await send('GET', `/v1/parcels/${id}`), 404);
      expect(problem.code).toBe('NOT_FOUND');
      await expectProblem(await send('POST', `/v1/parcels/${id}/rotate`), 404);
      expect(await actions()).toBe(before);
    });

    it('answers 400 naming the parameter for a NUL in it', async () => {
      const problem = await expectProblem(await send('POST', '/v1/parcels/%00/rotate'), 400);
      expect(problem.errors).toEqual([{ field: 'id', message: 'must not contain a NUL character' }]);
    });

    it('answers 400, not 500, for a path that does not decode', async () => {
      const problem = await expectProblem(await send('GET', '/v1/parcels/%E0%A4%A'), 400);
      expect(problem.type).toEqual(expect.any(String));
    });
  });
});
