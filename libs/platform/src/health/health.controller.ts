import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaProbe } from '@settle/messaging';
import { Public } from '../auth/auth.guard';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(KafkaProbe) private readonly kafka: KafkaProbe,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Postgres and Kafka both answer: the service can take traffic (503 problem+json otherwise). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2_000 }),
      async () => {
        const indicator = this.indicators.check('kafka');
        try {
          return indicator.up(await this.kafka.check());
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
