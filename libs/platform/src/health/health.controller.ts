import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaProbe } from '@settle/messaging';
import { Public } from '../auth/auth.guard';
import { ApiProblems } from '../openapi/problem';
import { HealthResponse, LiveResponse } from './health.response';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(KafkaProbe) private readonly kafka?: KafkaProbe,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up', security: [] })
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  /** Postgres and Kafka (where the service uses it) answer: the service can take traffic (503 problem+json otherwise). */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: Postgres and Kafka both answer', security: [] })
  @ApiOkResponse({ type: HealthResponse })
  @ApiProblems([503, 'Postgres or Kafka does not answer: `checks` says which'])
  ready() {
    const kafka = this.kafka;
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2_000 }),
      ...(kafka
        ? [
            async () => {
              const indicator = this.indicators.check('kafka');
              try {
                return indicator.up(await kafka.check());
              } catch (error) {
                return indicator.down({ message: (error as Error).message });
              }
            },
          ]
        : []),
    ]);
  }
}
