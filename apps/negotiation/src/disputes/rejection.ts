import type { DisputeCommandRejectedPayload } from '@settle/contracts';
import { refusalError, type DomainError } from '@settle/platform';

/**
 * The owner's refusal of a command as the error the caller sees (libs/platform's one mapping): its category decides
 * the HTTP status, its rule code the problem `type`; the command and versions travel with it.
 */
export function rejectionError(rejection: DisputeCommandRejectedPayload): DomainError {
  return refusalError(rejection, {
    extensions: {
      commandId: rejection.commandId,
      status: rejection.status,
      version: rejection.version,
      expectedVersion: rejection.expectedVersion,
      ...(rejection.errors ? { errors: rejection.errors } : {}),
    },
  });
}
