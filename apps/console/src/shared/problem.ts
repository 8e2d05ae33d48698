import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter } from '@settle/platform';
import type { Request, Response } from 'express';

const filter = new ProblemDetailsFilter();

/**
 * The problem+json of `error`, for the console's Express-level handlers (CSRF, gateway, static files), which answer
 * before or outside Nest's exception filter: the same mapping, the same body.
 */
export function sendProblem(request: Request, response: Response, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const problem = filter.toProblem(error);
  problem.instance = request.originalUrl;
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
