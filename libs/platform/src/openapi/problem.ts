import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../http/problem-details.filter';

/** One entry of `errors` of a validation problem: the field (a dotted path) and what is wrong with it. */
export class ProblemFieldError {
  @ApiProperty({ example: 'requested.refund.amountMinor' })
  field!: string;

  @ApiProperty({ example: 'amountMinor must not be less than 0' })
  message!: string;
}

/**
 * The one schema of every error body (RFC 9457 problem+json, `ProblemDetailsFilter`). A problem may carry more
 * members (extensions) than these, e.g. `checks` on a failed readiness check.
 */
export class Problem implements ProblemDetails {
  [extension: string]: unknown;

  @ApiProperty({ example: '/problems/validation-failed', description: 'A relative URI naming the rule or error' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail!: string;

  @ApiPropertyOptional({ example: '/v1/disputes', description: 'The path of the request' })
  instance?: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'The stable error or rule code' })
  code!: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Every field refused, on a 400' })
  errors?: ProblemFieldError[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 428 | 503;

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The request is not valid: `errors` names each field',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key’s role may not do this',
  404: 'No such resource (or another seller’s)',
  409: 'The resource’s state does not allow it',
  413: 'The body is larger than this endpoint accepts',
  415: 'The body is not JSON (`application/json`, UTF-8)',
  422: 'A business rule refuses it: `code` names the rule',
  428: 'A required precondition header is missing',
  503: 'A dependency does not answer',
};

/**
 * Documents the problem+json answers a route can give, all with the shared `Problem` schema:
 * `@ApiProblems(400, 404, [409, 'ALREADY_CLAIMED by someone else'])`. On a controller it applies to every route.
 */
export function ApiProblems(
  ...problems: (ProblemStatus | [ProblemStatus, string])[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(Problem),
    ...problems.map((problem) => {
      const [status, description] = Array.isArray(problem) ? problem : [problem, DESCRIPTIONS[problem]];
      return ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
      });
    }),
  );
}
