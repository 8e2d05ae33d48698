import { runWithContext } from '@settle/messaging';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import { serviceLogOptions } from './platform.module';

/** A stream that keeps what is written to it, and the text written so far. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Serves one request through pino-http with the service's options and returns the log lines it wrote. */
async function logOfOneRequest(
  headers: Record<string, string>,
  url: string,
  wrap: (handle: () => void) => void = (handle) => handle(),
  inside: (request: { log: pino.Logger }) => void = () => undefined,
): Promise<string[]> {
  const { stream, text } = sink();
  const middleware = pinoHttp(serviceLogOptions('dispute-intake', 'info'), stream);
  const server = createServer((request, response) =>
    wrap(() =>
      middleware(request, response, () => {
        inside(request);
        response.end('{}');
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await fetch(`http://127.0.0.1:${port}${url}`, { headers }).then((response) => response.text());
  await new Promise((resolve) => server.close(resolve));
  return text().trim().split('\n');
}

describe('service logs', () => {
  function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
    const { stream, text } = sink();
    const options = serviceLogOptions('dispute-intake', 'info');
    const logger = pino({ level: options.level, base: options.base, mixin: options.mixin }, stream);
    return {
      logger,
      lines: () =>
        text()
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>),
    };
  }

  it('writes JSON lines carrying the correlation id of the request or message being handled', () => {
    const { logger, lines } = capture();
    runWithContext({ correlationId: 'corr-log-7' }, () => logger.info('dispute opened'));
    logger.info('outside any request');
    expect(lines()).toEqual([
      expect.objectContaining({ service: 'dispute-intake', msg: 'dispute opened', correlationId: 'corr-log-7' }),
      expect.not.objectContaining({ correlationId: expect.anything() }),
    ]);
  });

  it('logs a request by its id, method and URL, never by its headers (no key or signature in a log)', async () => {
    const lines = await logOfOneRequest(
      { authorization: 'Bearer sk_secret', 'webhook-signature': 'v1,c2ln', 'x-correlation-id': 'corr-req-1' },
      '/v1/disputes?status=OPEN',
    );
    const line = JSON.parse(lines.pop() ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'dispute-intake',
      correlationId: 'corr-req-1',
      req: { id: 'corr-req-1', method: 'GET', url: '/v1/disputes?status=OPEN' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(line)).not.toMatch(/sk_secret|c2ln|authorization|signature/);
  });

  it('writes correlationId once on every line of a request, inside its context or not', async () => {
    const lines = await logOfOneRequest(
      { 'x-correlation-id': 'corr-req-2' },
      '/v1/disputes',
      (handle) => runWithContext({ correlationId: 'corr-req-2' }, handle),
      (request) => request.log.info('handling'),
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.match(/"correlationId":/g)).toHaveLength(1);
  });
});
