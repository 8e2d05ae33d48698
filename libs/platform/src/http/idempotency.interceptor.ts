import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Transaction } from '@settle/messaging';
import type { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Conflict, RuleViolation, ValidationFailed } from '../errors';

const REQUIRED_KEY = 'settle:idempotency-required';
/** An uncompleted claim this old was abandoned by a process that died mid-request; a retry may take it over. */
export const ABANDONED_CLAIM_AFTER_SECONDS = 60;
const IN_TRANSACTION_KEY = 'settle:idempotency-in-transaction';

/** The route refuses a POST without `Idempotency-Key` (docs/CONTRACT.md: `POST /v1/disputes` requires it). */
export const IdempotencyKeyRequired = () => SetMetadata(REQUIRED_KEY, true);

/**
 * The handler writes the Idempotency-Key record itself, inside the transaction of its own effects
 * (`recordIdempotentResponse` or `idempotencyRecordInsert` with the claim from `@CurrentIdempotencyClaim()`), so a
 * request costs no extra statement or commit for its key. The interceptor then claims nothing up front: when the
 * handler fails (a conflict on the key's primary key, or any refusal) it looks the key up, and a key recorded by an
 * earlier request answers as in the default mode (the first response, or 422 for another body). Two requests
 * racing on one key: the second waits on the first's uncommitted key and then replays its response. A handler that
 * did not record the claim has it recorded after it returns (as a separate statement).
 */
export const IdempotencyRecordedInTransaction = () => SetMetadata(IN_TRANSACTION_KEY, true);

/** A request's Idempotency-Key, for a handler under `@IdempotencyRecordedInTransaction()`. */
export interface IdempotencyClaim {
  /** The API key's id: keys are scoped to the caller. */
  scope: string;
  key: string;
  /** SHA-256 of the method, path and body, to tell a retry from another request under the same key. */
  requestHash: string;
  /** Set once the handler built its record: the interceptor then writes nothing. */
  recorded: boolean;
}

interface ClaimedRequest extends AuthenticatedRequest {
  idempotencyClaim?: IdempotencyClaim;
}

/** The claim of the request (undefined when it carries no Idempotency-Key or the route is not in-transaction). */
export const CurrentIdempotencyClaim = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyClaim | undefined =>
    context.switchToHttp().getRequest<ClaimedRequest>().idempotencyClaim,
);

/**
 * The record of a claim's response as one INSERT to place in the handler's own statement or transaction;
 * parameters are numbered from `$${firstParam}`. Marks the claim recorded.
 */
export function idempotencyRecordInsert(
  claim: IdempotencyClaim,
  statusCode: number,
  body: unknown,
  firstParam = 1,
): { sql: string; params: unknown[] } {
  claim.recorded = true;
  const p = (offset: number) => `$${firstParam + offset}`;
  return {
    sql: `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body, completed_at)
          VALUES (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::jsonb, now())`,
    params: [claim.scope, claim.key, claim.requestHash, statusCode, JSON.stringify(body ?? null)],
  };
}

/** Writes the claim's record in the handler's transaction (a second request with the key fails on it, then replays). */
export async function recordIdempotentResponse(
  tx: Transaction,
  claim: IdempotencyClaim,
  statusCode: number,
  body: unknown,
): Promise<void> {
  const { sql, params } = idempotencyRecordInsert(claim, statusCode, body);
  await tx.query(sql, params);
}

interface StoredResponse {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on any POST (docs/CONTRACT.md): the same key with the same body returns the first
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
    if (this.reflector.getAllAndOverride<boolean>(IN_TRANSACTION_KEY, [context.getHandler(), context.getClass()])) {
      const claim: IdempotencyClaim = { scope, key, requestHash: hash, recorded: false };
      (request as ClaimedRequest).idempotencyClaim = claim;
      return from(this.runInTransaction(claim, response, next));
    }
    return from(this.run(scope, key, hash, response, next));
  }

  /** `@IdempotencyRecordedInTransaction()`: the handler records the key with its effects; see there. */
  private async runInTransaction(claim: IdempotencyClaim, response: Response, next: CallHandler) {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const stored = await this.stored(claim.scope, claim.key);
      if (!stored) throw error;
      return this.answer(stored, claim.requestHash, response);
    }
    if (!claim.recorded) {
      await this.dataSource.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body, completed_at)
         VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT DO NOTHING`,
        [claim.scope, claim.key, claim.requestHash, response.statusCode, JSON.stringify(body ?? null)],
      );
    }
    return body;
  }

  private async stored(scope: string, key: string): Promise<StoredResponse | undefined> {
    const [stored] = await this.dataSource.query<StoredResponse[]>(
      `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return stored;
  }

  private async run(scope: string, key: string, hash: string, response: Response, next: CallHandler) {
    // A claim that never completed and is older than any request runs was left by a process that died mid-request
    // (kill -9): the same request retried takes it over instead of hearing "in use" for ever.
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO UPDATE SET created_at = now()
         WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.created_at < now() - make_interval(secs => $4)
       RETURNING key`,
      [scope, key, hash, ABANDONED_CLAIM_AFTER_SECONDS],
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
    const stored = await this.stored(scope, key);
    if (!stored) {
      // The first request failed and released the key between our insert and this read.
      throw new Conflict('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is being processed; retry.');
    }
    return this.answer(stored, hash, response);
  }

  /** The answer to a request whose key is already recorded: the first response, or why not. */
  private answer(stored: StoredResponse, hash: string, response: Response): unknown {
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
