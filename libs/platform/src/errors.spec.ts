import { ProblemDetailsFilter } from './http/problem-details.filter';
import { Conflict, Forbidden, NotFound, RuleViolation, statusOf, Unauthenticated, ValidationFailed } from './errors';

describe('domain errors to problem+json', () => {
  const filter = new ProblemDetailsFilter();

  it.each([
    [new ValidationFailed([{ field: 'reason', message: 'is required' }]), 400, 'VALIDATION_FAILED'],
    [new Unauthenticated(), 401, 'UNAUTHENTICATED'],
    [new Forbidden('staff only'), 403, 'FORBIDDEN'],
    [new NotFound('Dispute', 'd-1'), 404, 'NOT_FOUND'],
    [new Conflict('DISPUTE_ALREADY_OPEN', 'order o-1 has an open dispute'), 409, 'DISPUTE_ALREADY_OPEN'],
    [new RuleViolation('REFUND_ABOVE_PAID', 'refund above the amount paid'), 422, 'REFUND_ABOVE_PAID'],
  ])('maps %s to %i with a type naming the rule', (error, status, code) => {
    const problem = filter.toProblem(error);
    expect(problem).toMatchObject({ status, code, type: `/problems/${code.toLowerCase().replace(/_/g, '-')}` });
    expect(problem.detail).toBe(error.detail);
  });

  it('keeps validation errors as errors[]', () => {
    expect(filter.toProblem(new ValidationFailed([{ field: 'a.b', message: 'bad' }])).errors).toEqual([
      { field: 'a.b', message: 'bad' },
    ]);
  });

  it('never leaks an unexpected error', () => {
    const problem = filter.toProblem(new Error('password=hunter2'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('maps every kind', () => {
    expect(
      [
        'validation',
        'unauthenticated',
        'forbidden',
        'not_found',
        'conflict',
        'too_large',
        'unsupported_media_type',
        'rule',
        'precondition',
        'unavailable',
      ].map((kind) => statusOf(kind as never)),
    ).toEqual([400, 401, 403, 404, 409, 413, 415, 422, 428, 503]);
  });
});
