/**
 * The shapes the screens read, as the services answer them (escalation-timer's case view, dispute-intake's
 * dispute, negotiation's proposals, messages and context). The generated schema types (src/api/schema/) describe
 * the same wire; these name the parts the screens use.
 */
import type { Money } from '../format/money';

export type EscalationStatus = 'OPEN' | 'CLAIMED' | 'RULED' | 'CLOSED';
export type RulingOutcome = 'REFUND_BUYER' | 'PARTIAL_REFUND' | 'RETURN_AND_REFUND' | 'SELLER_FAVOUR';
export type CitationKind = 'EVIDENCE' | 'MESSAGE' | 'AUDIT_FINDING' | 'POLICY_RULE' | 'TRACKING';
export const REASON_CODES = ['CUSTOMS_HOLD', 'CARRIER_EXCEPTION', 'PLATFORM_OUTAGE', 'PARTIES_AGREED'] as const;
export type DeadlineReasonCode = (typeof REASON_CODES)[number];
export type DeadlineKind =
  'SELLER_RESPONSE' | 'PLATFORM_INTERVENTION' | 'RETURN_SHIPMENT' | 'RETURN_RECEIPT' | 'STAFF_RULING_SLA';

export interface Citation {
  kind: CitationKind;
  ref: string;
  note?: string;
}

export interface Ruling {
  rulingId?: string;
  outcome: RulingOutcome;
  refund?: Money;
  rationale: string;
  citations: Citation[];
}

export interface Escalation {
  id: string;
  disputeId: string;
  sellerId: string;
  status: EscalationStatus;
  cause: string;
  escalatedAt: string;
  dueAt: string;
  overdue: boolean;
  overdueFlaggedAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  ruling: Ruling | null;
  rulingSubmittedBy: string | null;
  ruledBy: string | null;
  ruledAt: string | null;
  agreedAfterEscalation: boolean;
}

/** A queue row: the escalation and its dispute at a glance (null until escalation-timer has heard of the dispute). */
export interface EscalationQueueItem extends Escalation {
  summary: {
    orderId: string;
    reason: string;
    subReason: string | null;
    paid: Money;
    buyerCountry: string;
  } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Evidence {
  evidenceId: string;
  kind: 'PHOTO' | 'VIDEO' | 'DOCUMENT' | 'TRACKING';
  url: string;
  addedAt?: string;
}

export interface OrderSnapshot {
  amount: Money;
  paidAt: string;
  shippedAt?: string;
  promisedDeliveryDays: number;
  carrier?: string;
  trackingNumber?: string;
  deliveredAt?: string;
  buyerCountry: string;
  sellerCountry: string;
  trackingStatus?: string;
  skuId?: string;
  quantity?: number;
}

export interface AuditFinding {
  ruleId: string;
  /** INFO, WARN or BLOCK. */
  severity: string;
  field: string;
  message: string;
  fix: string;
}

export interface ListingAtPurchase {
  listingVersion?: number;
  listing: {
    listingId: string;
    title: string;
    description: string;
    category: string;
    brand?: string;
    images: { url: string }[];
    attributes: Record<string, string>;
    saleUnit: { type: 'PIECE' | 'LOT'; piecesPerLot?: number };
    skus: { skuId: string; attributes: Record<string, string>; price: Money; stock: number }[];
    shipping?: {
      fee: Money;
      processingDays: number;
      promisedDeliveryDays: number;
      shipsFrom: string;
      shipsTo: string[];
    };
  };
  audit?: { auditId: string; verdict: string; score: number; findings: AuditFinding[]; auditedAt: string } | null;
}

export interface Adjustment {
  action: 'EXTEND' | 'PAUSE' | 'RESUME';
  reasonCode: DeadlineReasonCode;
  note?: string;
  at: string;
  by: string;
  previousDueAt?: string;
  dueAt?: string;
  remainingMs?: number;
}

export interface Deadline {
  deadlineId: string;
  kind: DeadlineKind;
  party: string;
  /** PENDING, PAUSED, FIRED or CANCELLED. */
  status: string;
  dueAt: string | null;
  remainingMs: number | null;
  firedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  adjustments: Adjustment[];
}

export interface PredictionFact {
  code: string;
  statement: string;
  favours: 'BUYER' | 'SELLER';
  citation: Citation;
}

export interface PredictedRuling {
  outcome: RulingOutcome;
  confidence: number;
  sellerPenalised: boolean;
  facts: PredictionFact[];
  citations: Citation[];
  suggestedResolution?: { type: string; refund?: Money };
}

export interface SellerMetrics {
  sellerId: string;
  windowDays: number;
  disputes: number;
  escalationRate: number;
  sellerAtFaultRate: number;
  medianFirstResponseMs: number | null;
  answeredWithinDeadlineShare: number;
}

export interface CaseView {
  escalation: Escalation;
  dispute: {
    id: string;
    status: string;
    version: number;
    orderId: string;
    buyerId: string;
    sellerId: string;
    listingId: string;
    reason: string;
    subReason: string;
    requested: { type: string; refund: Money };
    description: string;
    evidence: Evidence[];
    order: OrderSnapshot;
    openedAt: string;
    escalatedAt: string | null;
    sellerFirstRespondedAt: string | null;
    resolution: { outcome: string; refund?: Money; by: string; inFavourOf: string } | null;
  };
  messages: { messageId: string; author: { role: string; id: string }; body: string; postedAt: string }[];
  listingAtPurchase: ListingAtPurchase | null;
  tracking: { status: string; at: string | null; deliveredAt: string | null; proof: unknown } | null;
  deadlines: Deadline[];
  sellerMetrics: SellerMetrics;
  predictedRuling: PredictedRuling | null;
  history: { action: string; at: string; by?: string; note?: string }[];
}

export interface HistoryEvent {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  data: { actor?: { role: string; id: string }; [field: string]: unknown };
}

export interface DisputeDetail {
  id: string;
  status: string;
  version: number;
  history: HistoryEvent[];
}

export interface Proposal {
  proposalId: string;
  by: 'BUYER' | 'SELLER' | 'PLATFORM';
  type: string;
  round?: number;
  state?: string;
  refund?: Money;
  submittedAt: string;
  expiresAt?: string;
}

export interface ToneFinding {
  rule: string;
  span?: { start: number; end: number };
  suggestion?: string;
}

export interface ThreadMessage {
  messageId: string;
  author: { role: string; id: string };
  body: string;
  postedAt?: string;
  createdAt?: string;
  lint?: { ok: boolean; findings: ToneFinding[] };
}

export interface BuyerContext {
  buyerId: string;
  orders: { orderId: string; listingId: string; amount: Money; paidAt: string }[];
  disputes: {
    disputeId: string;
    reason: string;
    subReason: string;
    status: string;
    openedAt: string;
    outcome: string | null;
  }[];
  totalPaid: Money[];
  rfm?: { segment: string; flags: string[]; disputeRate?: number };
}

export interface ServiceLevel {
  escalations: number;
  ruled: number;
  timeToRulingMs: { p50: number | null; p90: number | null };
  overdueShare: number;
  agreedAfterEscalationShare: number;
}

export interface EscalationMetrics {
  window: string;
  since: string;
  overall: ServiceLevel;
  perStaff: (ServiceLevel & { staffId: string })[];
}
