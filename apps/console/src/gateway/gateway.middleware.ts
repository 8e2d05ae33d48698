import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import { CORRELATION_HEADER, DomainError, NotFound, Unauthenticated } from '@settle/platform';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { ConsoleConfig } from '../console.config';
import { sessionTokenOf } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';
import { sendProblem } from '../shared/problem';
import {
  forwardedRequestHeaders,
  GATEWAY_SERVICES,
  returnedResponseHeaders,
  upstreamUrls,
  type GatewayService,
} from './upstreams';

const GATEWAY_PATH = /^\/api\/([^/?#]+)(\/[^?#]*)?(\?[^#]*)?$/;
const RETRYABLE = new Set(['GET', 'HEAD']);

class ServiceUnreachable extends DomainError {
  constructor(service: string, timedOut: boolean) {
    super(
      'unavailable',
      timedOut ? 'SERVICE_TIMEOUT' : 'SERVICE_UNREACHABLE',
      timedOut
        ? `The ${service} service did not answer in time; try again shortly.`
        : `The ${service} service cannot be reached right now; try again shortly.`,
    );
  }
}

/**
 * `/api/<service>/v1/...` → the service's own public API, as the signed-in person: the session's key as a bearer
 * token, the request's correlation id, the body streamed (never buffered: a 50 MB upload passes through in chunks).
 * The service's answer comes back as it is (status, problem+json bodies, content type and disposition, Location
 * made reachable through the gateway). One permission path: the services' own; the console adds no rule.
 */
@Injectable()
export class GatewayMiddleware implements NestMiddleware {
  private readonly logger = new Logger('Gateway');
  private readonly upstreams: Record<GatewayService, URL>;
  private readonly timeoutMs: number;
  // Keep-alive: the hop reuses connections (sockets idle longer than the services' 5 s keep-alive are dropped first).
  private readonly httpAgent = new http.Agent({
    keepAlive: true,
    maxFreeSockets: 64,
    timeout: 4_000,
    scheduling: 'lifo',
  });
  private readonly httpsAgent = new https.Agent({
    keepAlive: true,
    maxFreeSockets: 64,
    timeout: 4_000,
    scheduling: 'lifo',
  });

  constructor(
    private readonly sessions: SessionsService,
    config: ConsoleConfig,
  ) {
    this.upstreams = upstreamUrls(config);
    this.timeoutMs = config.CONSOLE_GATEWAY_TIMEOUT_MS;
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const match = GATEWAY_PATH.exec(request.originalUrl);
    if (!match || match[1] === 'session') return next();
    const [, service, path = '', query = ''] = match;
    // The hop is mounted ahead of Nest's middleware (it needs none of it): the correlation id is taken or made here,
    // and the service's own request log line, under the same id, is the hop's log.
    const header = request.headers[CORRELATION_HEADER];
    const correlationId = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    if (service === undefined || !(GATEWAY_SERVICES as readonly string[]).includes(service)) {
      return sendProblem(
        request,
        response,
        new DomainError(
          'not_found',
          'UNKNOWN_SERVICE',
          `There is no service "${service}" behind the console; the services are ${GATEWAY_SERVICES.join(', ')}.`,
        ),
      );
    }
    if (!path.startsWith('/v1/'))
      return sendProblem(request, response, new NotFound('API route', `/api/${service}${path}`));
    this.sessions.resolve(sessionTokenOf(request.headers)).then(
      (session) => {
        if (!session) {
          return sendProblem(
            request,
            response,
            new Unauthenticated('Sign in first: there is no console session, or it has ended.'),
          );
        }
        this.forward(request, response, service as GatewayService, path + query, session.apiKey, true);
      },
      (error: unknown) => sendProblem(request, response, error),
    );
  }

  private forward(
    request: Request,
    response: Response,
    service: GatewayService,
    pathAndQuery: string,
    apiKey: string,
    mayRetry: boolean,
  ): void {
    const upstream = this.upstreams[service];
    const correlationId = request.headers[CORRELATION_HEADER] as string;
    const secure = upstream.protocol === 'https:';
    const outgoing = (secure ? https : http).request({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port || (secure ? 443 : 80),
      path: upstream.pathname.replace(/\/$/, '') + pathAndQuery,
      method: request.method,
      headers: forwardedRequestHeaders(request.headers, apiKey, correlationId),
      agent: secure ? this.httpsAgent : this.httpAgent,
    });
    outgoing.setTimeout(this.timeoutMs, () =>
      outgoing.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );

    outgoing.on('response', (answer: IncomingMessage) => {
      response.status(answer.statusCode ?? 502);
      for (const [name, value] of Object.entries(returnedResponseHeaders(answer.headers, service, upstream))) {
        response.setHeader(name, value);
      }
      answer.on('error', () => response.destroy());
      answer.pipe(response);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the service closed just as it was reused: a read is safely sent once more.
      if (mayRetry && outgoing.reusedSocket && error.code === 'ECONNRESET' && RETRYABLE.has(request.method)) {
        return this.forward(request, response, service, pathAndQuery, apiKey, false);
      }
      if (response.headersSent || response.destroyed) {
        response.destroy();
        return;
      }
      this.logger.warn(
        `${service} ${request.method} ${pathAndQuery}: ${error.code ?? error.message} (correlationId ${correlationId})`,
      );
      sendProblem(request, response, new ServiceUnreachable(service, error.code === 'ETIMEDOUT'));
    });
    // The browser went away: so does the call to the service.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    if (RETRYABLE.has(request.method)) {
      // A read carries no body (one sent anyway is dropped), so it can be sent again.
      outgoing.end();
      request.resume();
      return;
    }
    request.pipe(outgoing);
  }
}
