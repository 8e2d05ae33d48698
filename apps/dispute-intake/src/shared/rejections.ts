import type { RejectionCategory as WireCategory } from '@settle/contracts';
import { rejectionCategory, type Rejection } from '@settle/dispute-lifecycle';
import { Conflict, DomainError, Forbidden, NotFound, RuleViolation, ValidationFailed } from '@settle/platform';

/**
 * A refusal as dispute-intake states it: a lifecycle rule (REJECTIONS of @settle/dispute-lifecycle) or one of
 * the service's own (DISPUTE_NOT_FOUND, INVALID_COMMAND), with the category a transport maps it by.
 */
export interface Refusal {
  readonly type: string;
  readonly category: WireCategory;
  readonly detail: string;
}

export function refusalOf(rejection: Rejection): Refusal {
  return { type: rejection.type, category: rejectionCategory(rejection.type), detail: rejection.detail };
}

export function disputeNotFound(disputeId: string): Refusal {
  return { type: 'DISPUTE_NOT_FOUND', category: 'NOT_A_PARTY', detail: `Dispute ${disputeId} was not found.` };
}

/**
 * A refusal as the domain error HTTP maps to problem+json (one exhaustive switch, STYLE.md 3). `field` names the
 * input the rule is about, so the problem's `errors` point at it.
 */
export function refusalError(refusal: Refusal, disputeId?: string, field?: string): DomainError {
  const extensions = field ? { errors: [{ field, message: refusal.detail }] } : undefined;
  switch (refusal.category) {
    case 'STATE_CONFLICT':
      return new Conflict(refusal.type, refusal.detail, extensions);
    case 'RULE_VIOLATION':
      return new RuleViolation(refusal.type, refusal.detail, extensions);
    case 'NOT_A_PARTY':
      return new NotFound('Dispute', disputeId ?? 'the dispute');
    case 'FORBIDDEN':
      return new Forbidden(refusal.detail);
    case 'INVALID':
      return new ValidationFailed([{ field: field ?? '', message: refusal.detail }], refusal.detail);
    default: {
      const unreachable: never = refusal.category;
      throw new Error(`unmapped refusal category ${String(unreachable)}`);
    }
  }
}

/** A lifecycle refusal as a domain error. */
export function rejectionError(rejection: Rejection, disputeId?: string, field?: string): DomainError {
  return refusalError(refusalOf(rejection), disputeId, field);
}
