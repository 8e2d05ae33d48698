import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Conflict, RuleViolation, ValidationFailed } from '../errors';

const REQUIRED_KEY = 'settle:idempotency-required';

/** The route refuses a POST without `Idempotency-Key` (CONTRACT.md: `POST /v1/disputes` requires it). */
export const IdempotencyKeyRequired = () => SetMetadata(REQUIRED_KEY, true);

interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on any POST (CONTRACT.md): the same key with the same body returns the first
 * response; with a different body, 422. Keys are scoped to the API key that sent them. A request
 * still running under the same key gets 409; a request that failed frees its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = request.header('idempotency-key');
    if (key === undefined) {
      if (this.reflector.getAllAndOverride<boolean>(REQUIRED_KEY, [context.getHandler(), context.getClass()])) {
        throw new ValidationFailed(
          [{ field: 'Idempotency-Key', message: 'header is required for this request' }],
          'Send an Idempotency-Key header so a retried request is never applied twice.',
        );
      }
      return next.handle();
    }
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new ValidationFailed([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const response = context.switchToHttp().getResponse<Response>();
    const scope = request.principal?.keyId ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.run(scope, key, hash, response, next));
  }

  private async run(scope: string, key: string, hash: string, response: Response, next: CallHandler) {
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (claimed.length === 0) return this.replay(scope, key, hash, response);
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE idempotency_keys SET status_code = $3, response_body = $4, completed_at = now()
         WHERE scope = $1 AND key = $2`,
        [scope, key, response.statusCode, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (error) {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
      throw error;
    }
  }

  private async replay(scope: string, key: string, hash: string, response: Response): Promise<unknown> {
    const [stored] = await this.dataSource.query<StoredResponse[]>(
      `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (!stored) {
      // The first request failed and released the key between our insert and this read.
      throw new Conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed; retry.');
    }
    if (stored.request_hash !== hash) {
      throw new RuleViolation(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request body; use a new key for a new request.',
      );
    }
    if (stored.status_code === null) {
      throw new Conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed; retry.');
    }
    response.status(stored.status_code);
    response.setHeader('Idempotent-Replayed', 'true');
    return stored.response_body;
  }
}
