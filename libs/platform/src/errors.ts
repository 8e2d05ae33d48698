/**
 * Domain errors with codes (docs/CONVENTIONS.md, "Errors"): services throw these, never HttpException; the problem+json
 * filter maps each kind to an HTTP status in one exhaustive switch, and command consumers map them to
 * `dispute.command_rejected`.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rule'
  | 'precondition'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable rule or error code, e.g. `OPENING_WINDOW_CLOSED`. */
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = code;
  }
}

export class ValidationFailed extends DomainError {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request is not valid.',
  ) {
    super('validation', 'VALIDATION_FAILED', detail, { errors });
  }
}

export class Unauthenticated extends DomainError {
  constructor(detail = 'A valid API key is required: Authorization: Bearer <key>.') {
    super('unauthenticated', 'UNAUTHENTICATED', detail);
  }
}

export class Forbidden extends DomainError {
  constructor(detail: string) {
    super('forbidden', 'FORBIDDEN', detail);
  }
}

export class NotFound extends DomainError {
  constructor(resource: string, id: string) {
    super('not_found', 'NOT_FOUND', `${resource} ${id} was not found.`);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, detail: string, extensions?: Record<string, unknown>) {
    super('conflict', code, detail, extensions);
  }
}

export class RuleViolation extends DomainError {
  constructor(code: string, detail: string, extensions?: Record<string, unknown>) {
    super('rule', code, detail, extensions);
  }
}

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rule':
      return 422;
    case 'precondition':
      return 428;
    case 'unavailable':
      return 503;
    default: {
      const unreachable: never = kind;
      throw new Error(`unmapped error kind ${String(unreachable)}`);
    }
  }
}

/** `OPENING_WINDOW_CLOSED` → `/problems/opening-window-closed` (a relative URI reference, RFC 9457 §3.1.1). */
export function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
