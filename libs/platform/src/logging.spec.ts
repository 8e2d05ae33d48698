import { runWithContext } from '@settle/messaging';
import pino from 'pino';
import { Writable } from 'node:stream';
import { serviceLogOptions } from './platform.module';

describe('service logs', () => {
  function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const options = serviceLogOptions('dispute-intake', 'info');
    const logger = pino({ level: options.level, base: options.base, mixin: options.mixin }, stream);
    return {
      logger,
      lines: () =>
        chunks
          .join('')
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
});
