import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import { isPlainObject, jsonShapeErrors } from '@settle/contracts';
import type { Request } from 'express';
import { DomainError, ValidationFailed } from '../errors';

/**
 * Request bodies, read per route (Nest's global body parser is off: `bodyParser: false` in createServiceApp).
 *
 * Each route has an explicit limit: `BODY_LIMITS.default` (64 KiB) unless it says `@BodyLimit(...)`; a larger body
 * answers 413 before any of it is parsed. What a route takes follows from its parameters:
 * - `@Body()`: a JSON object (`application/json` or `application/*+json`, UTF-8, no byte order mark) or nothing;
 *   anything else answers 415 (another media type, charset or content-encoding) or 400 (not JSON, not an object).
 * - `@RawBody()`: the exact bytes, whatever their type, as `request.rawBody` (a signed webhook verifies them, then
 *   parses them itself); nothing is parsed here.
 * - `@StreamedBody(limit)`: the route reads the body itself, as a stream (a multipart upload): only its declared
 *   Content-Length is held to `limit` here (a larger one is drained and answers 413), and the bytes are left unread
 *   for the handler (`@Req()`), which holds each part to its own limits as they arrive.
 * - neither: no body. Nothing, or `{}`, is accepted; any field is refused as unknown (400) and the route never runs.
 * Every parsed body, query and path parameter is then held to `jsonShapeErrors` (libs/contracts): at most 32 levels
 * deep, no reserved name (`__proto__`, `constructor`, `prototype`), no NUL or lone surrogate in any string or name;
 * each refused with 400 naming the field. This runs as a global guard after the API-key guard, so a caller without a
 * key never has its body read.
 */
export const KIB = 1024;

export const BODY_LIMITS = {
  /** Every route unless it says otherwise: ids, enums, money and a note of a few thousand characters. */
  default: 64 * KIB,
  /** Free text of 10,000-20,000 characters with evidence links: a dispute, a message, a return receipt, a ruling. */
  text: 256 * KIB,
  /** Whole documents: a listing to audit, an inbound event envelope carrying one. */
  document: 1024 * KIB,
  /**
   * Evidence uploads (`@StreamedBody`): a multipart body of several files, streamed by the route and never held here;
   * each file is held to its own limit (10 MiB, 50 MiB for video) and the dispute's total as its bytes arrive.
   */
  evidence: 256 * 1024 * KIB,
} as const;

const BODY_LIMIT = 'settle:body-limit';

/** This route's largest body in bytes (default `BODY_LIMITS.default`); a larger one answers 413. */
export const BodyLimit = (bytes: number) => SetMetadata(BODY_LIMIT, bytes);

const STREAMED_BODY = 'settle:streamed-body';

/** This route streams its own body of at most `bytes` (see the top of this file): the guard never buffers it. */
export const StreamedBody = (bytes: number) =>
  applyDecorators(SetMetadata(BODY_LIMIT, bytes), SetMetadata(STREAMED_BODY, true));

export class BodyTooLarge extends DomainError {
  constructor(limit: number) {
    super('too_large', 'BODY_TOO_LARGE', `The body is larger than this endpoint's limit of ${limit} bytes.`, {
      limit,
    });
  }
}

export class UnsupportedMediaType extends DomainError {
  constructor(detail: string) {
    super('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', detail);
  }
}

/** A body that is not a JSON object at all (its fields cannot be named): a code says which rule it broke. */
export class MalformedBody extends DomainError {
  constructor(code: string, detail: string) {
    super('validation', code, detail);
  }
}

export interface RequestWithBody extends Request {
  rawBody?: Buffer;
}

const NO_BODY = Buffer.alloc(0);

/**
 * The body's bytes, at most `limit` of them. A larger body (by its Content-Length or as it arrives) is read to its end
 * and dropped, so the client, still sending, reads the 413 rather than a reset connection.
 */
export function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  const hasBody = (declared !== undefined && declared !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return Promise.resolve(NO_BODY);
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  return new Promise((resolve, reject) => {
    let refusal: DomainError | undefined =
      encoding !== 'identity'
        ? new UnsupportedMediaType(`Content-Encoding ${encoding} is not accepted; send the body as it is.`)
        : declared !== undefined && Number(declared) > limit
          ? new BodyTooLarge(limit)
          : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (refusal) return;
      if (size > limit) {
        refusal = new BodyTooLarge(limit);
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (refusal) reject(refusal);
      else resolve(Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      reject(new MalformedBody('REQUEST_ABORTED', 'The request ended before its body did.'));
    };
    const onClose = () => {
      if (!request.readableEnded) onError();
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A JSON body's value: its media type and charset checked, then its bytes as strict UTF-8 JSON. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  const [type = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!JSON_MEDIA_TYPE.test(type)) {
    throw new UnsupportedMediaType(
      `The body must be application/json; it was sent as ${contentType ? contentType.slice(0, 100) : 'no Content-Type'}.`,
    );
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && !/^"?utf-?8"?$/.test(charset)) {
    throw new UnsupportedMediaType(`The body must be UTF-8; it was sent as charset ${charset.slice(0, 40)}.`);
  }
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
    throw new MalformedBody('BODY_HAS_BOM', 'The body starts with a byte order mark; send UTF-8 JSON without one.');
  }
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    throw new MalformedBody('BODY_NOT_UTF8', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedBody('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** Which of `@Body()`, `@RawBody()` a route handler takes (from Nest's own parameter metadata). */
function bodyParameters(context: ExecutionContext): { json: boolean; raw: boolean } {
  const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as Record<string, unknown>;
  const types = new Set(Object.keys(parameters).map((key) => Number(key.split(':')[0])));
  return { json: types.has(RouteParamtypes.BODY), raw: types.has(RouteParamtypes.RAW_BODY) };
}

/** Reads, parses and checks the body of every HTTP route (see the top of this file); Kafka handlers pass through. */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithBody>();
    const address = [...jsonShapeErrors(request.params ?? {}), ...jsonShapeErrors(request.query ?? {})];
    if (address.length > 0) throw new ValidationFailed(address);
    const limit =
      this.reflector.getAllAndOverride<number | undefined>(BODY_LIMIT, [context.getHandler(), context.getClass()]) ??
      BODY_LIMITS.default;
    if (
      this.reflector.getAllAndOverride<boolean | undefined>(STREAMED_BODY, [context.getHandler(), context.getClass()])
    ) {
      // Drained and refused when its declared length is over the limit; otherwise left for the handler to stream.
      if (Number(request.headers['content-length'] ?? 0) > limit) await readBody(request, limit);
      return true;
    }
    if (request.readableEnded) {
      // Read by a middleware of the service's own (a route that parses its body itself): held to the same shape.
      const shape = jsonShapeErrors(request.body);
      if (shape.length > 0) throw new ValidationFailed(shape);
      return true;
    }
    const takes = bodyParameters(context);
    const raw = await readBody(request, limit);
    if (takes.raw) {
      request.rawBody = raw;
      return true;
    }
    const body = raw.length === 0 ? undefined : parseJsonBody(raw, request.headers['content-type']);
    if (body !== undefined && !isPlainObject(body)) {
      throw new MalformedBody('BODY_NOT_AN_OBJECT', 'The body must be a JSON object.');
    }
    const shape = jsonShapeErrors(body);
    if (shape.length > 0) throw new ValidationFailed(shape);
    if (!takes.json && body !== undefined && Object.keys(body).length > 0) {
      throw new ValidationFailed(
        Object.keys(body).map((field) => ({ field, message: 'is not a known field (this endpoint takes no body)' })),
      );
    }
    request.body = body;
    return true;
  }
}
