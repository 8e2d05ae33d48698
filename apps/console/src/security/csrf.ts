import { Forbidden } from '@settle/platform';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../shared/problem';

export const CONSOLE_HEADER = 'x-settle-console';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing call (sign-in and sign-out included) must carry `x-settle-console: 1`, which no form and no
 * cross-site "simple" request can set, and an `Origin` that is the console's own. SameSite=Strict on the cookie is the
 * third layer.
 */
export function csrfGuard(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method)) return next();
    if (request.headers[CONSOLE_HEADER] !== '1') {
      return sendProblem(
        request,
        response,
        new Forbidden(`A console call that changes something must carry the header ${CONSOLE_HEADER}: 1.`),
      );
    }
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) {
      return sendProblem(
        request,
        response,
        new Forbidden(
          `A console call that changes something must come from the console's own origin (${[...allowed].join(' or ')}); ` +
            `this one came from ${origin ? origin : 'no origin'}.`,
        ),
      );
    }
    next();
  };
}
