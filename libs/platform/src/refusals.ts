import type { RejectionCategory } from '@settle/contracts';
import { REJECTIONS, rejectionCategory, type RejectionType } from '@settle/dispute-lifecycle';
import { DomainError, NotFound, type ErrorKind } from './errors';

/**
 * A refusal: a rule of the dispute lifecycle (REJECTIONS of @settle/dispute-lifecycle, as the owner decides it or as
 * `dispute.command_rejected` carries it) or a service's own, with the category a transport maps it by.
 */
export interface Refusal {
  readonly type: string;
  readonly category: RejectionCategory;
  readonly detail: string;
}

/** How each category of refusal reads over HTTP: STATE_CONFLICT 409, RULE_VIOLATION 422, NOT_A_PARTY 404, ... */
export function errorKindOf(category: RejectionCategory): ErrorKind {
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
      throw new Error(`unmapped refusal category ${String(unreachable)}`);
    }
  }
}

/**
 * The one mapping of a refusal to the domain error HTTP answers with (problem+json): the rule's code is the problem
 * `type`, its category the status. `field` names the input the rule is about (the problem's `errors` point at it);
 * `extensions` travel in the problem. With `notFound`, a NOT_A_PARTY refusal reads as that resource not being found,
 * so an id of someone else's dispute tells nothing.
 */
export function refusalError(
  refusal: Refusal,
  options: { field?: string; extensions?: Record<string, unknown>; notFound?: { resource: string; id: string } } = {},
): DomainError {
  const kind = errorKindOf(refusal.category);
  if (kind === 'not_found' && options.notFound) return new NotFound(options.notFound.resource, options.notFound.id);
  const errors = options.field ? { errors: [{ field: options.field, message: refusal.detail }] } : {};
  return new DomainError(kind, refusal.type, refusal.detail, { ...options.extensions, ...errors });
}

/**
 * A lifecycle rule that a service checks before sending its command (to answer at once): the lifecycle's own code and
 * category, so a client sees one problem `type` per rule whichever service refused it.
 */
export function ruleRefused(type: RejectionType, detail?: string, extensions?: Record<string, unknown>): DomainError {
  return refusalError(
    { type, category: rejectionCategory(type), detail: detail ?? REJECTIONS[type].detail },
    { extensions },
  );
}
