/**
 * Every enumeration of the contract, as a const object (the values) plus a type of the same name (the
 * union of its values). Values are the strings that travel on the wire; never renumber or rename one.
 */

function values<T extends Record<string, string>>(enumeration: T): readonly T[keyof T][] {
  return Object.freeze(Object.values(enumeration) as T[keyof T][]);
}

/** The lifecycle of docs/DOMAIN.md. `OPENED` and `AWAITING_SELLER` are the same stage: a new dispute awaits the seller. */
export const DisputeStatus = {
  OPENED: 'OPENED',
  AWAITING_SELLER: 'AWAITING_SELLER',
  NEGOTIATING: 'NEGOTIATING',
  AGREED: 'AGREED',
  ESCALATED: 'ESCALATED',
  AWAITING_RETURN: 'AWAITING_RETURN',
  RETURN_IN_TRANSIT: 'RETURN_IN_TRANSIT',
  RESOLVED: 'RESOLVED',
  CANCELLED: 'CANCELLED',
} as const;
export type DisputeStatus = (typeof DisputeStatus)[keyof typeof DisputeStatus];
export const DISPUTE_STATUSES = values(DisputeStatus);
/** States from which no transition leaves. */
export const TERMINAL_DISPUTE_STATUSES: readonly DisputeStatus[] = [DisputeStatus.RESOLVED, DisputeStatus.CANCELLED];

export const DisputeReason = {
  NOT_RECEIVED: 'NOT_RECEIVED',
  NOT_AS_DESCRIBED: 'NOT_AS_DESCRIBED',
  SELLER_REFUSED_SALE: 'SELLER_REFUSED_SALE',
  BUYER_REASON: 'BUYER_REASON',
} as const;
export type DisputeReason = (typeof DisputeReason)[keyof typeof DisputeReason];
export const DISPUTE_REASONS = values(DisputeReason);

/**
 * The sub-reasons a buyer may pick for each reason. NOT_RECEIVED and NOT_AS_DESCRIBED are docs/DOMAIN.md's lists.
 * docs/DOMAIN.md leaves the other two open; ours:
 * - SELLER_REFUSED_SALE ("sold but won't sell"): NOT_SHIPPED (the seller never shipped), ASKED_FOR_MORE_MONEY
 *   (the seller asked for a higher price after payment, e.g. a listing published at the wrong sale unit),
 *   OUT_OF_STOCK (the seller says the item cannot be supplied), TERMS_CHANGED (the seller changed another term
 *   after payment: variant, shipping method, delivery time).
 * - BUYER_REASON (the buyer's own reason): ORDERED_BY_MISTAKE, NO_LONGER_NEEDED, WRONG_VARIANT_ORDERED (the buyer
 *   picked the wrong size/colour), FOUND_BETTER_PRICE, OTHER (explained in the description).
 */
export const SUB_REASONS = Object.freeze({
  NOT_RECEIVED: Object.freeze([
    'NO_TRACKING_UPDATE',
    'INVALID_TRACKING',
    'WRONG_ADDRESS',
    'IN_TRANSIT_OVERDUE',
    'CUSTOMS_HELD',
    'RETURNED_TO_SENDER',
  ] as const),
  NOT_AS_DESCRIBED: Object.freeze([
    'DIFFERENT_FROM_LISTING',
    'QUALITY',
    'DAMAGED',
    'QUANTITY_SHORT',
    'COUNTERFEIT',
    'WRONG_ITEM',
  ] as const),
  SELLER_REFUSED_SALE: Object.freeze(['NOT_SHIPPED', 'ASKED_FOR_MORE_MONEY', 'OUT_OF_STOCK', 'TERMS_CHANGED'] as const),
  BUYER_REASON: Object.freeze([
    'ORDERED_BY_MISTAKE',
    'NO_LONGER_NEEDED',
    'WRONG_VARIANT_ORDERED',
    'FOUND_BETTER_PRICE',
    'OTHER',
  ] as const),
}) satisfies Readonly<Record<DisputeReason, readonly string[]>>;
export type SubReason = (typeof SUB_REASONS)[DisputeReason][number];

export function isSubReasonOf(reason: string, subReason: string): subReason is SubReason {
  return (
    Object.prototype.hasOwnProperty.call(SUB_REASONS, reason) &&
    (SUB_REASONS[reason as DisputeReason] as readonly string[]).includes(subReason)
  );
}

/** What the buyer asks for when opening a dispute. */
export const RequestedResolution = {
  REFUND_ONLY: 'REFUND_ONLY',
  RETURN_AND_REFUND: 'RETURN_AND_REFUND',
} as const;
export type RequestedResolution = (typeof RequestedResolution)[keyof typeof RequestedResolution];
export const REQUESTED_RESOLUTIONS = values(RequestedResolution);

/** A proposal from either side. REFUND_ONLY and RETURN_AND_REFUND carry an amount; RESEND and NO_REFUND do not. */
export const ProposalType = {
  REFUND_ONLY: 'REFUND_ONLY',
  RETURN_AND_REFUND: 'RETURN_AND_REFUND',
  RESEND: 'RESEND',
  NO_REFUND: 'NO_REFUND',
} as const;
export type ProposalType = (typeof ProposalType)[keyof typeof ProposalType];
export const PROPOSAL_TYPES = values(ProposalType);
export const REFUNDING_PROPOSAL_TYPES: readonly ProposalType[] = [
  ProposalType.REFUND_ONLY,
  ProposalType.RETURN_AND_REFUND,
];

/** Who made a proposal: a party, or the platform (a ruling-like offer from staff). */
export const ProposalBy = { BUYER: 'BUYER', SELLER: 'SELLER', PLATFORM: 'PLATFORM' } as const;
export type ProposalBy = (typeof ProposalBy)[keyof typeof ProposalBy];
export const PROPOSAL_BY = values(ProposalBy);

/** Who acts. The platform key acts as BUYER for the buyer; deadlines act as SYSTEM. */
export const ActorRole = {
  BUYER: 'BUYER',
  SELLER: 'SELLER',
  PLATFORM: 'PLATFORM',
  STAFF: 'STAFF',
  SYSTEM: 'SYSTEM',
} as const;
export type ActorRole = (typeof ActorRole)[keyof typeof ActorRole];
export const ACTOR_ROLES = values(ActorRole);

export const EvidenceKind = { PHOTO: 'PHOTO', VIDEO: 'VIDEO', DOCUMENT: 'DOCUMENT', TRACKING: 'TRACKING' } as const;
export type EvidenceKind = (typeof EvidenceKind)[keyof typeof EvidenceKind];
export const EVIDENCE_KINDS = values(EvidenceKind);

export const RulingOutcome = {
  REFUND_BUYER: 'REFUND_BUYER',
  PARTIAL_REFUND: 'PARTIAL_REFUND',
  RETURN_AND_REFUND: 'RETURN_AND_REFUND',
  SELLER_FAVOUR: 'SELLER_FAVOUR',
} as const;
export type RulingOutcome = (typeof RulingOutcome)[keyof typeof RulingOutcome];
export const RULING_OUTCOMES = values(RulingOutcome);

export const CitationKind = {
  EVIDENCE: 'EVIDENCE',
  MESSAGE: 'MESSAGE',
  AUDIT_FINDING: 'AUDIT_FINDING',
  POLICY_RULE: 'POLICY_RULE',
  TRACKING: 'TRACKING',
} as const;
export type CitationKind = (typeof CitationKind)[keyof typeof CitationKind];
export const CITATION_KINDS = values(CitationKind);

/** How a dispute reached its resolution. */
export const ResolutionBy = { AGREEMENT: 'AGREEMENT', AUTO: 'AUTO', RULING: 'RULING', DEADLINE: 'DEADLINE' } as const;
export type ResolutionBy = (typeof ResolutionBy)[keyof typeof ResolutionBy];
export const RESOLUTION_BY = values(ResolutionBy);

/** What a resolution settled on: the agreed proposal's type, or the ruling's outcome. */
export const ResolutionOutcome = { ...ProposalType, ...RulingOutcome } as const;
export type ResolutionOutcome = ProposalType | RulingOutcome;
export const RESOLUTION_OUTCOMES: readonly ResolutionOutcome[] = Object.freeze([...PROPOSAL_TYPES, ...RULING_OUTCOMES]);
/** Outcomes that pay the buyer back: a resolution with one of these carries its refund. */
export const REFUNDING_OUTCOMES: readonly ResolutionOutcome[] = [
  ProposalType.REFUND_ONLY,
  ProposalType.RETURN_AND_REFUND,
  RulingOutcome.REFUND_BUYER,
  RulingOutcome.PARTIAL_REFUND,
];

/** Whom a resolution favours (seller metrics count the ones against the seller). */
export const InFavourOf = { BUYER: 'BUYER', SELLER: 'SELLER', SHARED: 'SHARED' } as const;
export type InFavourOf = (typeof InFavourOf)[keyof typeof InFavourOf];
export const IN_FAVOUR_OF = values(InFavourOf);

/** Why a dispute was escalated to staff. */
export const EscalationCause = {
  BUYER_REQUEST: 'BUYER_REQUEST',
  INTERVENTION_DEADLINE: 'INTERVENTION_DEADLINE',
  RETURN_PROBLEM: 'RETURN_PROBLEM',
} as const;
export type EscalationCause = (typeof EscalationCause)[keyof typeof EscalationCause];
export const ESCALATION_CAUSES = values(EscalationCause);

export const SellerResponseAction = { ACCEPT: 'ACCEPT', REJECT: 'REJECT' } as const;
export type SellerResponseAction = (typeof SellerResponseAction)[keyof typeof SellerResponseAction];
export const SELLER_RESPONSE_ACTIONS = values(SellerResponseAction);

export const ReturnCondition = {
  AS_EXPECTED: 'AS_EXPECTED',
  DAMAGED: 'DAMAGED',
  EMPTY_OR_DIFFERENT: 'EMPTY_OR_DIFFERENT',
  MISSING_ITEMS: 'MISSING_ITEMS',
} as const;
export type ReturnCondition = (typeof ReturnCondition)[keyof typeof ReturnCondition];
export const RETURN_CONDITIONS = values(ReturnCondition);

/** The durable deadlines escalation-timer runs. Reminders are not a kind: they are `deadline.reminder` events. */
export const DeadlineKind = {
  SELLER_RESPONSE: 'SELLER_RESPONSE',
  PLATFORM_INTERVENTION: 'PLATFORM_INTERVENTION',
  RETURN_SHIPMENT: 'RETURN_SHIPMENT',
  RETURN_RECEIPT: 'RETURN_RECEIPT',
  STAFF_RULING_SLA: 'STAFF_RULING_SLA',
} as const;
export type DeadlineKind = (typeof DeadlineKind)[keyof typeof DeadlineKind];
export const DEADLINE_KINDS = values(DeadlineKind);

/** Why staff (or the system, on a customs hold) moved a deadline. */
export const DeadlineReasonCode = {
  CUSTOMS_HOLD: 'CUSTOMS_HOLD',
  CARRIER_EXCEPTION: 'CARRIER_EXCEPTION',
  PLATFORM_OUTAGE: 'PLATFORM_OUTAGE',
  PARTIES_AGREED: 'PARTIES_AGREED',
} as const;
export type DeadlineReasonCode = (typeof DeadlineReasonCode)[keyof typeof DeadlineReasonCode];
export const DEADLINE_REASON_CODES = values(DeadlineReasonCode);

export const DeadlineAdjustment = { EXTEND: 'EXTEND', PAUSE: 'PAUSE', RESUME: 'RESUME' } as const;
export type DeadlineAdjustment = (typeof DeadlineAdjustment)[keyof typeof DeadlineAdjustment];
export const DEADLINE_ADJUSTMENTS = values(DeadlineAdjustment);

/** Who must act before a deadline (BOTH for the intervention deadline: either party may still settle). */
export const DeadlineParty = { BUYER: 'BUYER', SELLER: 'SELLER', BOTH: 'BOTH', STAFF: 'STAFF' } as const;
export type DeadlineParty = (typeof DeadlineParty)[keyof typeof DeadlineParty];
export const DEADLINE_PARTIES = values(DeadlineParty);

/** The actions a reminder lists as still open to the party it is addressed to. */
export const OpenAction = {
  RESPOND: 'RESPOND',
  SUBMIT_PROPOSAL: 'SUBMIT_PROPOSAL',
  ACCEPT_PROPOSAL: 'ACCEPT_PROPOSAL',
  POST_MESSAGE: 'POST_MESSAGE',
  ESCALATE: 'ESCALATE',
  SHIP_RETURN: 'SHIP_RETURN',
  CONFIRM_RETURN_RECEIPT: 'CONFIRM_RETURN_RECEIPT',
  RULE: 'RULE',
} as const;
export type OpenAction = (typeof OpenAction)[keyof typeof OpenAction];
export const OPEN_ACTIONS = values(OpenAction);

/**
 * How the owner classifies a refused command, so a transport maps it without knowing each rule: STATE_CONFLICT
 * is HTTP 409, RULE_VIOLATION 422, NOT_A_PARTY 404 (ids do not leak), FORBIDDEN 403, INVALID 400 (the command
 * failed this contract). The rule codes themselves (`type`) are @settle/dispute-lifecycle's REJECTIONS.
 */
export const RejectionCategory = {
  STATE_CONFLICT: 'STATE_CONFLICT',
  RULE_VIOLATION: 'RULE_VIOLATION',
  NOT_A_PARTY: 'NOT_A_PARTY',
  FORBIDDEN: 'FORBIDDEN',
  INVALID: 'INVALID',
} as const;
export type RejectionCategory = (typeof RejectionCategory)[keyof typeof RejectionCategory];
export const REJECTION_CATEGORIES = values(RejectionCategory);

/** The rule code of a command refused because its payload failed this contract (category INVALID). */
export const INVALID_COMMAND = 'INVALID_COMMAND';

export const AuditVerdict = { PASS: 'PASS', WARN: 'WARN', BLOCK: 'BLOCK' } as const;
export type AuditVerdict = (typeof AuditVerdict)[keyof typeof AuditVerdict];
export const AUDIT_VERDICTS = values(AuditVerdict);

export const FindingSeverity = { BLOCK: 'BLOCK', WARN: 'WARN', INFO: 'INFO' } as const;
export type FindingSeverity = (typeof FindingSeverity)[keyof typeof FindingSeverity];
export const FINDING_SEVERITIES = values(FindingSeverity);

/** What started an audit. */
export const AuditTrigger = {
  UPSERT: 'UPSERT',
  MANUAL: 'MANUAL',
  DISPUTE_FEEDBACK: 'DISPUTE_FEEDBACK',
  SCHEDULED: 'SCHEDULED',
  /** A supply incident on the listing opened, changed or closed (issue 19): the audit adds or drops its finding. */
  SUPPLY_INCIDENT: 'SUPPLY_INCIDENT',
} as const;
export type AuditTrigger = (typeof AuditTrigger)[keyof typeof AuditTrigger];
export const AUDIT_TRIGGERS = values(AuditTrigger);

/** Why a listing was flagged: its audit blocked or warned, or disputes point at it. */
export const FlagReason = {
  AUDIT_BLOCK: 'AUDIT_BLOCK',
  AUDIT_WARN: 'AUDIT_WARN',
  DISPUTE_FEEDBACK: 'DISPUTE_FEEDBACK',
} as const;
export type FlagReason = (typeof FlagReason)[keyof typeof FlagReason];
export const FLAG_REASONS = values(FlagReason);

export const SaleUnitType = { PIECE: 'PIECE', LOT: 'LOT' } as const;
export type SaleUnitType = (typeof SaleUnitType)[keyof typeof SaleUnitType];
export const SALE_UNIT_TYPES = values(SaleUnitType);

export const ListingStatus = { ACTIVE: 'ACTIVE', INACTIVE: 'INACTIVE' } as const;
export type ListingStatus = (typeof ListingStatus)[keyof typeof ListingStatus];
export const LISTING_STATUSES = values(ListingStatus);

/** Carrier tracking states, normalised from the carriers' own vocabularies (PRE_TRANSIT: label created, not yet scanned). */
export const TrackingStatus = {
  PRE_TRANSIT: 'PRE_TRANSIT',
  IN_TRANSIT: 'IN_TRANSIT',
  CUSTOMS_HELD: 'CUSTOMS_HELD',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  DELIVERED: 'DELIVERED',
  EXCEPTION: 'EXCEPTION',
  RETURNED_TO_SENDER: 'RETURNED_TO_SENDER',
} as const;
export type TrackingStatus = (typeof TrackingStatus)[keyof typeof TrackingStatus];
export const TRACKING_STATUSES = values(TrackingStatus);

export const DeliveryProofKind = {
  SIGNATURE: 'SIGNATURE',
  PHOTO: 'PHOTO',
  CARRIER_SCAN: 'CARRIER_SCAN',
  PIN_CODE: 'PIN_CODE',
} as const;
export type DeliveryProofKind = (typeof DeliveryProofKind)[keyof typeof DeliveryProofKind];
export const DELIVERY_PROOF_KINDS = values(DeliveryProofKind);

/** Why a seller cannot ship a listing (issue 19, DOMAIN.md X36). */
export const SupplyIncidentCause = {
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  SUPPLIER_FAILED: 'SUPPLIER_FAILED',
  DISCONTINUED: 'DISCONTINUED',
  CUSTOMS_OR_REGULATORY: 'CUSTOMS_OR_REGULATORY',
  OTHER: 'OTHER',
} as const;
export type SupplyIncidentCause = (typeof SupplyIncidentCause)[keyof typeof SupplyIncidentCause];
export const SUPPLY_INCIDENT_CAUSES = values(SupplyIncidentCause);

/** What the seller offers the buyers of a listing it cannot ship: a full refund (the default) or waiting. */
export const SupplyRemedy = {
  FULL_REFUND: 'FULL_REFUND',
  WAIT_UNTIL: 'WAIT_UNTIL',
} as const;
export type SupplyRemedy = (typeof SupplyRemedy)[keyof typeof SupplyRemedy];
export const SUPPLY_REMEDIES = values(SupplyRemedy);

/** What Settle asks the catalogue (the marketplace's) to do with a listing under a supply incident. */
export const CatalogueAction = {
  EXTEND_PROCESSING_TIME: 'EXTEND_PROCESSING_TIME',
  DELIST_UNTIL_RESTOCKED: 'DELIST_UNTIL_RESTOCKED',
  RELIST: 'RELIST',
} as const;
export type CatalogueAction = (typeof CatalogueAction)[keyof typeof CatalogueAction];
export const CATALOGUE_ACTIONS = values(CatalogueAction);
