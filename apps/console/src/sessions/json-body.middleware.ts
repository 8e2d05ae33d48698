import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ValidationFailed } from '@settle/platform';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../shared/problem';

const LIMIT_BYTES = 4_096;

/**
 * The console parses no body globally (the gateway streams bodies to the services untouched); the sign-in's small
 * JSON body is read here.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendProblem(
        request,
        response,
        new ValidationFailed([{ field: 'body', message: 'must be JSON (content-type: application/json)' }]),
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT_BYTES && !refused) {
        refused = true;
        sendProblem(
          request,
          response,
          new ValidationFailed([{ field: 'body', message: `must be at most ${LIMIT_BYTES} bytes` }]),
        );
      }
      if (!refused) chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      try {
        (request as Request & { body: unknown }).body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        return sendProblem(request, response, new ValidationFailed([{ field: 'body', message: 'is not valid JSON' }]));
      }
      next();
    });
  }
}
