import { ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { ProjectionBehind } from '../projection-wait';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A minimal HTTP host: what the filter reads of the request and writes to the response. */
function httpHost() {
  const headers: Record<string, string> = {};
  const response = {
    statusCode: 0,
    body: '',
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    type() {
      return this;
    },
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    send(body: string) {
      this.body = body;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/health/ready' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, response, headers };
}

describe('ProblemDetailsFilter logging: error level only for what an operator must act on', () => {
  function filterWithLog() {
    const filter = new ProblemDetailsFilter();
    const log = { error: jest.fn(), warn: jest.fn() };
    (filter as unknown as { logger: typeof log }).logger = log;
    return { filter, log };
  }

  it('logs an unexpected failure (500) at error level', () => {
    const { filter, log } = filterWithLog();
    const { host, response } = httpHost();
    filter.catch(new TypeError('boom'), host);
    expect(response.statusCode).toBe(500);
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('logs a 503 the service chose (not ready yet) at warn level, not error', () => {
    const { filter, log } = filterWithLog();
    const { host, response } = httpHost();
    filter.catch(
      new ServiceUnavailableException({ status: 'error', info: {}, error: { kafka: { status: 'down' } } }),
      host,
    );
    expect(response.statusCode).toBe(503);
    expect(log.error).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('answers a projection behind with 503 and Retry-After, at warn level', () => {
    const { filter, log } = filterWithLog();
    const { host, response, headers } = httpHost();
    filter.catch(new ProjectionBehind('Dispute', '0190c6a8-0000-7000-8000-000000000000'), host);
    expect(response.statusCode).toBe(503);
    expect(headers['retry-after']).toBe('1');
    expect(JSON.parse(response.body)).toMatchObject({ type: '/problems/projection-behind', status: 503 });
    expect(log.error).not.toHaveBeenCalled();
  });
});
