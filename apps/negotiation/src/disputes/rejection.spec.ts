import { samplePayload } from '@settle/contracts/testing';
import { statusOf } from '@settle/platform';
import { rejectionError } from './rejection';

describe('owner refusals as errors', () => {
  it.each([
    ['STATE_CONFLICT', 409],
    ['RULE_VIOLATION', 422],
    ['NOT_A_PARTY', 404],
    ['FORBIDDEN', 403],
    ['INVALID', 400],
  ] as const)('%s answers %i with the rule as the problem type and the owner’s detail', (category, status) => {
    const rejection = {
      ...samplePayload('dispute.command_rejected'),
      category,
      type: 'STALE_VERSION',
      detail: 'based on version 1',
    };
    const error = rejectionError(rejection);
    expect(statusOf(error.kind)).toBe(status);
    expect(error.code).toBe('STALE_VERSION');
    expect(error.detail).toBe('based on version 1');
    expect(error.extensions).toMatchObject({ commandId: rejection.commandId, version: rejection.version });
  });
});
