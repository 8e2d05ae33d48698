import { Controller, Get, Module, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { ServiceDefinition } from '../platform.module';
import { operationIdOf, previewOpenApiDocument } from './document';
import { ApiProblems } from './problem';

class ThingView {
  @ApiProperty()
  id!: string;
}

@ApiBearerAuth()
@Controller('v1/things')
@ApiProblems(401, 403)
class ThingsController {
  @Get(':id')
  @ApiOperation({ summary: 'One thing' })
  @ApiOkResponse({ type: ThingView })
  @ApiProblems([404, 'No such thing'])
  get(): ThingView {
    return { id: 'T-1' };
  }

  @Post()
  @ApiOperation({ summary: 'Make a thing', security: [] })
  @ApiProblems(400)
  make(): void {}
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const definition: ServiceDefinition = {
  name: 'things',
  schema: 'things',
  defaultPort: 0,
  title: 'things',
  description: 'Things.',
};

describe('the OpenAPI document of a service', () => {
  it('names operations controller_method', () => {
    expect(operationIdOf('DisputesController', 'open')).toBe('disputes_open');
    expect(operationIdOf('WebhookEndpointsController', 'rotate')).toBe('webhookEndpoints_rotate');
  });

  it('documents problems with the one Problem schema as application/problem+json, per route and per controller', async () => {
    const document = await previewOpenApiDocument(ThingsModule, definition);
    const get = document.paths['/v1/things/{id}']?.get;
    if (!get) throw new Error('GET /v1/things/{id} is not documented');
    expect(get.operationId).toBe('things_get');
    expect(Object.keys(get.responses).sort()).toEqual(['200', '401', '403', '404']);
    expect(get.responses['404']).toEqual({
      description: 'No such thing',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(get.security).toEqual([{ bearer: [] }]);
    expect(document.components?.schemas?.Problem).toMatchObject({
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    });
  });

  it('declares bearer security, and none on a public route', async () => {
    const document = await previewOpenApiDocument(ThingsModule, definition);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/v1/things']?.post?.security).toEqual([]);
    expect(document.info.title).toBe('Settle things');
  });
});
