/**
 * The dispute's vocabulary, named exactly as DOMAIN.md and CONTRACT.md name it.
 * Kept here (not imported from libs/contracts) so the pure lifecycle depends on nothing but money.
 */
import type { Money } from '@settle/contracts/money';

/** An RFC 3339 UTC instant as stored in state and events, e.g. "2026-10-01T12:00:00.000Z". */
export type InstantString = string;

export const DISPUTE_STATUSES = [
  'OPENED',
  'AWAITING_SELLER',
  'NEGOTIATING',
  'AGREED',
  'ESCALATED',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'RESOLVED',
  'CANCELLED',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DisputeStatus = Object.freeze(
  Object.fromEntries(DISPUTE_STATUSES.map((s) => [s, s])) as { readonly [K in DisputeStatus]: K },
);

export const TERMINAL_STATUSES: readonly DisputeStatus[] = ['RESOLVED', 'CANCELLED'];
export function isTerminal(status: DisputeStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Reasons and their sub-reasons (DOMAIN.md, "Dispute reasons"). The last two reasons have no sub-reason. */
export const SUB_REASONS = {
  NOT_RECEIVED: [
    'NO_TRACKING_UPDATE',
    'INVALID_TRACKING',
    'WRONG_ADDRESS',
    'IN_TRANSIT_OVERDUE',
    'CUSTOMS_HELD',
    'RETURNED_TO_SENDER',
  ],
  NOT_AS_DESCRIBED: ['DIFFERENT_FROM_LISTING', 'QUALITY', 'DAMAGED', 'QUANTITY_SHORT', 'COUNTERFEIT', 'WRONG_ITEM'],
  SELLER_REFUSED_SALE: [],
  BUYER_REASON: [],
} as const satisfies Record<string, readonly string[]>;
export type DisputeReason = keyof typeof SUB_REASONS;
export const DISPUTE_REASONS = Object.keys(SUB_REASONS) as DisputeReason[];
export type SubReason = (typeof SUB_REASONS)[DisputeReason][number];

/** What the buyer asks for when opening. */
export const REQUESTED_TYPES = ['REFUND_ONLY', 'RETURN_AND_REFUND'] as const;
export type RequestedType = (typeof REQUESTED_TYPES)[number];

/** What a proposal from either side (or the platform) may be. */
export const PROPOSAL_TYPES = ['REFUND_ONLY', 'RETURN_AND_REFUND', 'RESEND', 'NO_REFUND'] as const;
export type ProposalType = (typeof PROPOSAL_TYPES)[number];
/** Proposal types that carry a refund amount. */
export const REFUNDING_PROPOSAL_TYPES: readonly ProposalType[] = ['REFUND_ONLY', 'RETURN_AND_REFUND'];

export const PROPOSERS = ['BUYER', 'SELLER', 'PLATFORM'] as const;
export type Proposer = (typeof PROPOSERS)[number];

export const EVIDENCE_KINDS = ['PHOTO', 'VIDEO', 'DOCUMENT', 'TRACKING'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RETURN_CONDITIONS = ['AS_EXPECTED', 'DAMAGED', 'EMPTY_OR_DIFFERENT', 'MISSING_ITEMS'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export const RULING_OUTCOMES = ['REFUND_BUYER', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'SELLER_FAVOUR'] as const;
export type RulingOutcome = (typeof RULING_OUTCOMES)[number];

export const CITATION_KINDS = ['EVIDENCE', 'MESSAGE', 'AUDIT_FINDING', 'POLICY_RULE', 'TRACKING'] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

/** Reason codes for a paused or extended deadline (DOMAIN.md, "Deadlines that know why they moved"). */
export const DEADLINE_REASON_CODES = [
  'CUSTOMS_HOLD',
  'CARRIER_EXCEPTION',
  'PLATFORM_OUTAGE',
  'PARTIES_AGREED',
] as const;
export type DeadlineReasonCode = (typeof DEADLINE_REASON_CODES)[number];

export const DEADLINE_KINDS = [
  'SELLER_RESPONSE',
  'PLATFORM_INTERVENTION',
  'RETURN_SHIPMENT',
  'RETURN_RECEIPT',
  'STAFF_RULING_SLA',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
/** Deadlines whose passing moves the dispute (the staff SLA only flags the case overdue to leads). */
export type LifecycleDeadlineKind = Exclude<DeadlineKind, 'STAFF_RULING_SLA'>;

/** Who must act before each deadline; reminders go to that party. Staff SLA reminders are not party reminders. */
export const DEADLINE_PARTY: Readonly<Record<DeadlineKind, 'SELLER' | 'BUYER' | 'BOTH' | 'STAFF'>> = {
  SELLER_RESPONSE: 'SELLER',
  PLATFORM_INTERVENTION: 'BOTH',
  RETURN_SHIPMENT: 'BUYER',
  RETURN_RECEIPT: 'SELLER',
  STAFF_RULING_SLA: 'STAFF',
};

/**
 * Carrier tracking states the lifecycle cares about. `IN_TRANSIT_TRACKING_STATUSES` are the ones in which
 * a parcel counts as "in transit" for the NOT_RECEIVED escalation rule.
 */
export const TRACKING_STATUSES = [
  'PRE_TRANSIT',
  'IN_TRANSIT',
  'CUSTOMS_HELD',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED_TO_SENDER',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];
export const IN_TRANSIT_TRACKING_STATUSES: readonly TrackingStatus[] = [
  'IN_TRANSIT',
  'CUSTOMS_HELD',
  'OUT_FOR_DELIVERY',
];

/** The order as it was when the dispute was opened (CONTRACT.md, `order` snapshot). */
export interface OrderSnapshot {
  readonly amount: Money;
  readonly paidAt: InstantString;
  /** Absent when the seller never shipped (e.g. SELLER_REFUSED_SALE). */
  readonly shippedAt?: InstantString;
  readonly promisedDeliveryDays: number;
  readonly deliveredAt?: InstantString;
  readonly trackingStatus?: TrackingStatus;
  readonly carrier?: string;
  readonly trackingNumber?: string;
  /** ISO 3166-1 alpha-2; used for business-day deadlines and day boundaries. */
  readonly buyerCountry: string;
  readonly sellerCountry: string;
}

export interface Proposal {
  readonly proposalId: string;
  readonly by: Proposer;
  readonly type: ProposalType;
  /** Present exactly for REFUND_ONLY and RETURN_AND_REFUND. */
  readonly refund?: Money;
  readonly expiresAt?: InstantString;
  readonly submittedAt: InstantString;
  /** 1 for the buyer's opening ask; each buyer modification starts the next round; counters share the round. */
  readonly round: number;
}

/** A proposal as a party sends it; the lifecycle assigns id (unless given), submittedAt and round. */
export interface ProposalInput {
  readonly proposalId?: string;
  readonly type: ProposalType;
  readonly refund?: Money;
  readonly expiresAt?: InstantString;
}

export interface Agreement {
  readonly proposalId: string;
  readonly type: ProposalType;
  /** Zero in the order's currency for RESEND and NO_REFUND. */
  readonly refund: Money;
  readonly proposedBy: Proposer;
  /** PLATFORM when the seller-response deadline accepted the buyer's proposal automatically. */
  readonly acceptedBy: Proposer;
  readonly automatic: boolean;
  readonly afterEscalation: boolean;
  readonly at: InstantString;
}

export interface ReturnShipment {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly shippedAt: InstantString;
  readonly receivedAt?: InstantString;
  readonly condition?: ReturnCondition;
  readonly note?: string;
}

export type EscalationCause = 'BUYER_REQUEST' | 'INTERVENTION_DEADLINE' | 'RETURN_PROBLEM';
export interface Escalation {
  readonly by: 'BUYER' | 'SELLER' | 'PLATFORM';
  readonly cause: EscalationCause;
  readonly at: InstantString;
}

export interface Citation {
  readonly kind: CitationKind;
  readonly ref: string;
}

export interface Ruling {
  readonly outcome: RulingOutcome;
  /** Zero in the order's currency for SELLER_FAVOUR. */
  readonly refund: Money;
  readonly rationale: string;
  readonly citations: readonly Citation[];
  readonly staffId: string;
  readonly at: InstantString;
}

export type ResolutionCause =
  'AGREEMENT' | 'RULING' | 'RETURN_RECEIVED' | 'RETURN_RECEIPT_DEADLINE' | 'RETURN_SHIPMENT_DEADLINE';

export interface Resolution {
  readonly cause: ResolutionCause;
  /** The agreed proposal type, the ruling outcome, or SELLER_FAVOUR when the return was never shipped. */
  readonly outcome: ProposalType | RulingOutcome;
  /** What the buyer gets back: never above what was paid, always in the order's currency (zero when nothing). */
  readonly refund: Money;
  readonly inFavourOf: 'BUYER' | 'SELLER' | 'SHARED';
  readonly at: InstantString;
}

export interface DeadlineAdjustment {
  readonly action: 'EXTEND' | 'PAUSE' | 'RESUME';
  readonly reasonCode: DeadlineReasonCode;
  readonly note?: string;
  readonly at: InstantString;
}

/** A running deadline. `dueAt` is null while paused; `remainingMs` then holds what was left. */
export interface ActiveDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: InstantString | null;
  readonly remainingMs?: number;
  readonly adjustments?: readonly DeadlineAdjustment[];
}

export interface Cancellation {
  readonly by: 'BUYER';
  readonly reason?: string;
  readonly at: InstantString;
}

export interface EvidenceRef {
  readonly kind: EvidenceKind;
  readonly url: string;
  readonly sha256?: string;
}

/** The dispute's state: what `evolve` folds out of its events. */
export interface Dispute {
  readonly id: string;
  readonly status: DisputeStatus;
  /** The number of events applied; the version a command must name in `expectedVersion`. */
  readonly version: number;
  readonly orderId: string;
  readonly buyerId: string;
  readonly sellerId: string;
  readonly listingId: string;
  readonly reason: DisputeReason;
  readonly subReason: SubReason | null;
  readonly requested: { readonly type: RequestedType; readonly refund: Money };
  /** What the buyer paid for the order: the ceiling of every refund, and its currency. */
  readonly paid: Money;
  readonly order: OrderSnapshot;
  readonly openedAt: InstantString;
  /** Every proposal ever made, oldest first (rounds of counter-offers are kept). */
  readonly proposals: readonly Proposal[];
  readonly currentBuyerProposal: Proposal | null;
  readonly currentSellerProposal: Proposal | null;
  readonly round: number;
  readonly sellerFirstRespondedAt: InstantString | null;
  readonly agreement: Agreement | null;
  readonly returnShipment: ReturnShipment | null;
  readonly escalatedAt: InstantString | null;
  readonly escalation: Escalation | null;
  readonly ruling: Ruling | null;
  readonly resolution: Resolution | null;
  readonly cancellation: Cancellation | null;
  /** Deadlines running now; replaced wholesale by each event (every event carries the full set). */
  readonly deadlines: readonly ActiveDeadline[];
}
