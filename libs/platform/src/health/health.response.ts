import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

export class LiveResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

const CHECK: SchemaObject = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  required: ['status'],
  additionalProperties: true,
};

const CHECKS = {
  type: 'object',
  additionalProperties: CHECK,
  example: { postgres: { status: 'up' }, kafka: { status: 'up' } },
} as const;

/** Terminus's health check result, as `GET /health/ready` answers 200. */
export class HealthResponse implements HealthCheckResult {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], enumName: 'HealthStatus' })
  status!: HealthCheckResult['status'];

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are up' })
  info?: HealthIndicatorResult;

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are down' })
  error?: HealthIndicatorResult;

  @ApiProperty({ ...CHECKS, description: 'Every check' })
  details!: HealthIndicatorResult;
}
