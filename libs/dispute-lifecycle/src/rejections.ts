/**
 * Every rule a command or an opening can break. A refusal carries the rule's `type` and a human `detail`
 * (specific to the case when the lifecycle knows more, else the generic sentence below).
 *
 * `category` lets a transport map the refusal without knowing each rule (docs/CONTRACT.md: 409 for state conflicts,
 * 422 for rule violations; a seller acting on another seller's dispute sees 404, so ids do not leak).
 */
export type RejectionCategory = 'STATE_CONFLICT' | 'RULE_VIOLATION' | 'NOT_A_PARTY' | 'FORBIDDEN';

interface RejectionRule {
  readonly category: RejectionCategory;
  readonly detail: string;
}

export const REJECTIONS = {
  STALE_VERSION: {
    category: 'STATE_CONFLICT',
    detail: 'The dispute has changed since the sender last saw it; reload it and try again.',
  },
  INVALID_STATE_TRANSITION: {
    category: 'STATE_CONFLICT',
    detail: 'This action does not fit the dispute in its current state.',
  },
  TERMINAL_STATE: {
    category: 'STATE_CONFLICT',
    detail: 'The dispute is resolved or cancelled; nothing can change it any more.',
  },
  NOT_A_PARTY: { category: 'NOT_A_PARTY', detail: 'The actor is not a party to this dispute.' },
  WRONG_ACTOR: { category: 'FORBIDDEN', detail: 'This action belongs to another role.' },
  UNKNOWN_COMMAND: { category: 'RULE_VIOLATION', detail: 'The command type is not one the lifecycle knows.' },
  PROPOSAL_NOT_FOUND: { category: 'STATE_CONFLICT', detail: 'No proposal with this id exists on the dispute.' },
  PROPOSAL_SUPERSEDED: {
    category: 'STATE_CONFLICT',
    detail: 'This proposal has been replaced by a newer one and can no longer be accepted.',
  },
  PROPOSAL_EXPIRED: { category: 'STATE_CONFLICT', detail: 'The proposal has expired and can no longer be accepted.' },
  CANNOT_ACCEPT_OWN_PROPOSAL: {
    category: 'RULE_VIOLATION',
    detail: 'A party accepts the other side’s proposal, never its own.',
  },
  DUPLICATE_PROPOSAL_ID: { category: 'STATE_CONFLICT', detail: 'A proposal with this id already exists.' },
  PROPOSAL_TYPE_NOT_ALLOWED: {
    category: 'RULE_VIOLATION',
    detail: 'This kind of proposal is not allowed for this party or this step.',
  },
  INVALID_EXPIRY: {
    category: 'RULE_VIOLATION',
    detail: 'A proposal’s expiresAt must be a valid instant in the future.',
  },
  REFUND_REQUIRED: { category: 'RULE_VIOLATION', detail: 'This outcome needs a refund amount.' },
  REFUND_NOT_ALLOWED: { category: 'RULE_VIOLATION', detail: 'This outcome carries no refund.' },
  REFUND_ABOVE_PAID: { category: 'RULE_VIOLATION', detail: 'A refund can never be above what the buyer paid.' },
  INVALID_AMOUNT: {
    category: 'RULE_VIOLATION',
    detail: 'An amount is a positive whole number of the currency’s minor units.',
  },
  CURRENCY_MISMATCH: { category: 'RULE_VIOLATION', detail: 'A refund is always in the order’s currency.' },
  UNKNOWN_CURRENCY: { category: 'RULE_VIOLATION', detail: 'The currency is not a known ISO 4217 code.' },
  ESCALATION_TOO_EARLY: { category: 'RULE_VIOLATION', detail: 'The buyer may not escalate yet.' },
  ESCALATION_WINDOW_CLOSED: {
    category: 'RULE_VIOLATION',
    detail: 'The window in which the buyer may escalate has closed.',
  },
  NOT_RECEIVED_IN_TRANSIT: {
    category: 'RULE_VIOLATION',
    detail:
      'A NOT_RECEIVED dispute cannot be escalated while the parcel is in transit within the promised delivery time.',
  },
  DEADLINE_NOT_ACTIVE: { category: 'STATE_CONFLICT', detail: 'No such deadline is running for this dispute.' },
  DEADLINE_NOT_DUE: { category: 'STATE_CONFLICT', detail: 'The deadline has not passed yet.' },
  DEADLINE_PAUSED: { category: 'STATE_CONFLICT', detail: 'The deadline is paused.' },
  DEADLINE_ALREADY_PASSED: {
    category: 'STATE_CONFLICT',
    detail: 'The deadline for this action has passed; its automatic outcome applies.',
  },
  INVALID_DEADLINE_ADJUSTMENT: { category: 'RULE_VIOLATION', detail: 'This deadline adjustment is not possible.' },
  INVALID_REASON_CODE: {
    category: 'RULE_VIOLATION',
    detail: 'A deadline moves only for CUSTOMS_HOLD, CARRIER_EXCEPTION, PLATFORM_OUTAGE or PARTIES_AGREED.',
  },
  DISPUTE_WINDOW_NOT_OPEN: { category: 'RULE_VIOLATION', detail: 'A dispute cannot be opened on this order yet.' },
  DISPUTE_WINDOW_CLOSED: {
    category: 'RULE_VIOLATION',
    detail: 'The protection window of this order has ended; a dispute can no longer be opened.',
  },
  UNKNOWN_REASON: { category: 'RULE_VIOLATION', detail: 'The reason is not one of the dispute reasons.' },
  INVALID_SUB_REASON: { category: 'RULE_VIOLATION', detail: 'The sub-reason does not belong to the reason.' },
  EVIDENCE_REQUIRED: {
    category: 'RULE_VIOLATION',
    detail: 'A NOT_AS_DESCRIBED dispute needs at least one piece of evidence (photo, video or document).',
  },
  INVALID_EVIDENCE: { category: 'RULE_VIOLATION', detail: 'Evidence needs a known kind and an http(s) URL.' },
  INVALID_REQUESTED_TYPE: {
    category: 'RULE_VIOLATION',
    detail: 'A buyer asks for REFUND_ONLY or RETURN_AND_REFUND.',
  },
  INVALID_ORDER: { category: 'RULE_VIOLATION', detail: 'The order snapshot is incomplete or inconsistent.' },
  INVALID_RULING: { category: 'RULE_VIOLATION', detail: 'The ruling outcome or its citations are not valid.' },
  RATIONALE_REQUIRED: { category: 'RULE_VIOLATION', detail: 'A ruling states its rationale.' },
  INVALID_RETURN_CONDITION: {
    category: 'RULE_VIOLATION',
    detail: 'The return condition is AS_EXPECTED, DAMAGED, EMPTY_OR_DIFFERENT or MISSING_ITEMS.',
  },
  TRACKING_REQUIRED: { category: 'RULE_VIOLATION', detail: 'A return shipment needs a carrier and a tracking number.' },
} as const satisfies Record<string, RejectionRule>;

export type RejectionType = keyof typeof REJECTIONS;
export const REJECTION_TYPES = Object.keys(REJECTIONS) as RejectionType[];

export interface Rejection {
  readonly type: RejectionType;
  readonly detail: string;
}

export function reject(type: RejectionType, detail?: string): Rejection {
  return { type, detail: detail ?? REJECTIONS[type].detail };
}

export function rejectionCategory(type: RejectionType): RejectionCategory {
  return REJECTIONS[type].category;
}

/** The result of a rule check: either it holds, or the refusal that names the rule. */
export type Check = { readonly ok: true } | { readonly ok: false; readonly rejection: Rejection };
export const PASS: Check = Object.freeze({ ok: true });
export function fail(type: RejectionType, detail?: string): Check {
  return { ok: false, rejection: reject(type, detail) };
}
