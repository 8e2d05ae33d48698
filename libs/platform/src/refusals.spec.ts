import { REJECTIONS } from '@settle/dispute-lifecycle';
import { statusOf } from './errors';
import { refusalError, ruleRefused } from './refusals';

describe('refusals: one mapping from a rule to a problem', () => {
  it.each([
    ['STATE_CONFLICT', 409],
    ['RULE_VIOLATION', 422],
    ['NOT_A_PARTY', 404],
    ['FORBIDDEN', 403],
    ['INVALID', 400],
  ] as const)('a %s refusal answers %i with the rule as its code', (category, status) => {
    const error = refusalError({ type: 'SOME_RULE', category, detail: 'why' }, { field: 'proposal.refund' });
    expect(statusOf(error.kind)).toBe(status);
    expect(error.code).toBe('SOME_RULE');
    expect(error.extensions).toEqual({ errors: [{ field: 'proposal.refund', message: 'why' }] });
  });

  it('reads a non-party refusal as "not found" for the resource when asked, so ids do not leak', () => {
    const error = refusalError(
      { type: 'NOT_A_PARTY', category: 'NOT_A_PARTY', detail: 'not yours' },
      { notFound: { resource: 'Dispute', id: 'D-1' } },
    );
    expect(error).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND', detail: 'Dispute D-1 was not found.' });
  });

  it("a service's own pre-check of a lifecycle rule answers with the lifecycle's code and status", () => {
    expect(ruleRefused('TERMINAL_STATE')).toMatchObject({
      kind: 'conflict',
      code: 'TERMINAL_STATE',
      detail: REJECTIONS.TERMINAL_STATE.detail,
    });
    expect(ruleRefused('CANNOT_ACCEPT_OWN_PROPOSAL', 'P-2 is yours')).toMatchObject({
      kind: 'rule',
      detail: 'P-2 is yours',
    });
    expect(ruleRefused('INVALID_STATE_TRANSITION', 'no', { status: 'RESOLVED' }).extensions).toEqual({
      status: 'RESOLVED',
    });
  });
});
