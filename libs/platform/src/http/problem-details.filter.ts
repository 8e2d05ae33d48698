import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { throwError } from 'rxjs';
import { DomainError, problemType, statusOf } from '../errors';
import { ProjectionBehind } from '../projection-wait';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Every HTTP error leaves as RFC 9457 problem+json. Kafka handlers are not HTTP: their errors are
 * re-thrown untouched, so the consumer wrapper can retry them and put them in the DLQ with their message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    if (exception instanceof ProjectionBehind) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (problem.status >= 500 && problem.code === 'INTERNAL_ERROR') this.logger.error(exception);
    // A 503 the service chose (not ready, a projection behind) is expected while it starts or catches up: not an error.
    else if (problem.status >= 500) this.logger.warn(`${problem.status} ${problem.code}: ${problem.detail}`);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = statusOf(exception.kind);
      return {
        ...exception.extensions,
        type: problemType(exception.code),
        title: TITLES[status] ?? 'Error',
        status,
        detail: exception.detail,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      const code = HttpStatus[status] ?? 'ERROR';
      const extra = typeof body === 'object' && body !== null && 'info' in body ? { checks: body } : {};
      return { ...extra, type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code };
    }
    const status = clientErrorStatus(exception);
    if (status !== undefined) {
      // An error of the HTTP stack itself (Express's router: a path that does not decode, `%E0%A4%A`), 4xx by its own
      // account: the client's, never a 500.
      const code = HttpStatus[status] ?? 'BAD_REQUEST';
      return {
        type: problemType(code),
        title: TITLES[status] ?? 'Error',
        status,
        detail: (exception as Error).message.slice(0, 300),
        code,
      };
    }
    return {
      type: problemType('INTERNAL_ERROR'),
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged with the correlation id.',
      code: 'INTERNAL_ERROR',
    };
  }
}

/** The 4xx status an `http-errors` error (Express, body-parser) carries and exposes, if any. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, statusCode, expose } = exception as Error & {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
  };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 && expose === true ? code : undefined;
}
