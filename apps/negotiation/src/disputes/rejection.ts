import type { DisputeCommandRejectedPayload } from '@settle/contracts';
import { DomainError, type ErrorKind } from '@settle/platform';

/**
 * The owner's refusal of a command as the error the caller sees: its category decides the HTTP status (STATE_CONFLICT
 * 409, RULE_VIOLATION 422, NOT_A_PARTY 404, FORBIDDEN 403, INVALID 400), its rule code the problem `type`.
 */
export function rejectionError(rejection: DisputeCommandRejectedPayload): DomainError {
  const kind = kindOf(rejection.category);
  return new DomainError(kind, rejection.type, rejection.detail, {
    commandId: rejection.commandId,
    status: rejection.status,
    version: rejection.version,
    expectedVersion: rejection.expectedVersion,
    ...(rejection.errors ? { errors: rejection.errors } : {}),
  });
}

function kindOf(category: DisputeCommandRejectedPayload['category']): ErrorKind {
  switch (category) {
    case 'STATE_CONFLICT':
      return 'conflict';
    case 'RULE_VIOLATION':
      return 'rule';
    case 'NOT_A_PARTY':
      return 'not_found';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'INVALID':
      return 'validation';
    default: {
      const unreachable: never = category;
      throw new Error(`unmapped rejection category ${String(unreachable)}`);
    }
  }
}
