/**
 * The dispute's vocabulary. The words themselves (statuses, reasons and sub-reasons, proposal types, ...) are defined
 * once, in libs/contracts/src/enums.ts, a file with no imports; the lifecycle takes them from there, so the wire and
 * the state machine cannot disagree. Here: the lifecycle's own shapes built from them.
 */
import type {
  DeadlineKind,
  DisputeStatus,
  EvidenceKind,
  ProposalType,
  RulingOutcome,
  SubReason,
  TrackingStatus,
  CitationKind,
  DeadlineReasonCode,
  DisputeReason,
  ReturnCondition,
} from '@settle/contracts/enums';
import { PROPOSAL_BY, REQUESTED_RESOLUTIONS, type ProposalBy, type RequestedResolution } from '@settle/contracts/enums';
import type { Money } from '@settle/contracts/money';

export {
  CITATION_KINDS,
  DEADLINE_KINDS,
  DEADLINE_REASON_CODES,
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  DisputeStatus,
  EVIDENCE_KINDS,
  PROPOSAL_TYPES,
  REFUNDING_PROPOSAL_TYPES,
  RETURN_CONDITIONS,
  RULING_OUTCOMES,
  SUB_REASONS,
  TRACKING_STATUSES,
  type CitationKind,
  type DeadlineKind,
  type DeadlineReasonCode,
  type DisputeReason,
  type EvidenceKind,
  type ProposalType,
  type ReturnCondition,
  type RulingOutcome,
  type SubReason,
  type TrackingStatus,
} from '@settle/contracts/enums';

/** An RFC 3339 UTC instant as stored in state and events, e.g. "2026-10-01T12:00:00.000Z". */
export type InstantString = string;

export const TERMINAL_STATUSES: readonly DisputeStatus[] = ['RESOLVED', 'CANCELLED'];
export function isTerminal(status: DisputeStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** What the buyer asks for when opening. */
export const REQUESTED_TYPES = REQUESTED_RESOLUTIONS;
export type RequestedType = RequestedResolution;

/** Who makes a proposal: a party, or the platform. */
export const PROPOSERS = PROPOSAL_BY;
export type Proposer = ProposalBy;

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

/** Tracking states in which a parcel counts as "in transit" for the NOT_RECEIVED escalation rule. */
export const IN_TRANSIT_TRACKING_STATUSES: readonly TrackingStatus[] = [
  'IN_TRANSIT',
  'CUSTOMS_HELD',
  'OUT_FOR_DELIVERY',
];

/** The order as it was when the dispute was opened (docs/CONTRACT.md, `order` snapshot). */
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
