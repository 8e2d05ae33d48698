import { rejectionCategory, type Rejection } from '@settle/dispute-lifecycle';
import { refusalError as toError, type DomainError, type Refusal } from '@settle/platform';

export type { Refusal } from '@settle/platform';

/** A lifecycle rule as a refusal, with the category a transport maps it by. */
export function refusalOf(rejection: Rejection): Refusal {
  return { type: rejection.type, category: rejectionCategory(rejection.type), detail: rejection.detail };
}

/** dispute-intake's own refusal of a command for a dispute it does not hold. */
export function disputeNotFound(disputeId: string): Refusal {
  return { type: 'DISPUTE_NOT_FOUND', category: 'NOT_A_PARTY', detail: `Dispute ${disputeId} was not found.` };
}

/** A refusal as the domain error HTTP maps to problem+json; a non-party hears "not found" for the dispute. */
export function refusalError(refusal: Refusal, disputeId?: string, field?: string): DomainError {
  return toError(refusal, { field, notFound: { resource: 'Dispute', id: disputeId ?? 'the dispute' } });
}

/** A lifecycle refusal as a domain error. */
export function rejectionError(rejection: Rejection, disputeId?: string, field?: string): DomainError {
  return refusalError(refusalOf(rejection), disputeId, field);
}
