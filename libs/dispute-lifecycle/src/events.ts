/**
 * The dispute's events, named exactly as docs/CONTRACT.md's `settle.disputes.events.v1` row. Each state event carries
 * `version` (the aggregate version after it; CloudEvents envelope `aggregateVersion`), the instant it happened and,
 * in `data.deadlines`, the full set of deadlines running after it (so a timer reconciles from any one event).
 *
 * `dispute.command_rejected` is a notification, not a state event: it is published but never folded, and it does
 * not move the version (else one refused command would make every in-flight command stale).
 */
import type { DisputeEventType } from '@settle/contracts/message-types';
import type { Money } from '@settle/contracts/money';
import type {
  ActiveDeadline,
  Agreement,
  Cancellation,
  DeadlineAdjustment,
  DeadlineKind,
  DisputeReason,
  Escalation,
  EvidenceRef,
  InstantString,
  OrderSnapshot,
  Proposal,
  RequestedType,
  Resolution,
  ReturnCondition,
  Ruling,
  SubReason,
} from './domain';
import type { Rejection } from './rejections';

export type { DisputeEventType };
export type StateEventType = Exclude<DisputeEventType, 'dispute.command_rejected'>;

interface EventOf<T extends DisputeEventType, D> {
  readonly type: T;
  readonly disputeId: string;
  /** The dispute's version once this event is applied (1 for dispute.opened). */
  readonly version: number;
  readonly at: InstantString;
  readonly data: D;
}

interface WithDeadlines {
  /** Every deadline running after this event (empty when none). */
  readonly deadlines: readonly ActiveDeadline[];
}

export type DisputeOpened = EventOf<
  'dispute.opened',
  WithDeadlines & {
    readonly orderId: string;
    readonly buyerId: string;
    readonly sellerId: string;
    readonly listingId: string;
    readonly reason: DisputeReason;
    readonly subReason: SubReason | null;
    readonly requested: { readonly type: RequestedType; readonly refund: Money };
    readonly order: OrderSnapshot;
    /** The buyer's opening proposal: what was asked, as round 1. */
    readonly proposal: Proposal;
    readonly description?: string;
    readonly evidence: readonly EvidenceRef[];
  }
>;

export type SellerResponded = EventOf<
  'dispute.seller_responded',
  WithDeadlines & {
    readonly action: 'ACCEPT' | 'REJECT';
    /** The counter-proposal when the seller rejects. */
    readonly proposal?: Proposal;
    readonly message?: string;
    /** The seller-response deadline the answer was measured against, and whether it came in time. */
    readonly responseDueAt: InstantString | null;
    readonly withinDeadline: boolean;
  }
>;

export type ProposalSubmitted = EventOf<
  'dispute.proposal_submitted',
  WithDeadlines & {
    readonly proposal: Proposal;
    /** True when a buyer's modified proposal sends the dispute back to the seller and restarts the seller clock. */
    readonly sellerClockRestarted: boolean;
    readonly sellerResponseDueAt?: InstantString;
  }
>;

export type Agreed = EventOf<'dispute.agreed', WithDeadlines & { readonly agreement: Agreement }>;
export type AutoAccepted = EventOf<
  'dispute.auto_accepted',
  WithDeadlines & {
    readonly agreement: Agreement;
    readonly deadline: { kind: 'SELLER_RESPONSE'; dueAt: InstantString };
  }
>;
export type Escalated = EventOf<'dispute.escalated', WithDeadlines & { readonly escalation: Escalation }>;
export type Ruled = EventOf<'dispute.ruled', WithDeadlines & { readonly ruling: Ruling }>;
export type ReturnRequested = EventOf<
  'dispute.return_requested',
  WithDeadlines & { readonly refund: Money; readonly returnShipmentDueAt: InstantString }
>;
export type ReturnShipped = EventOf<
  'dispute.return_shipped',
  WithDeadlines & {
    readonly carrier: string;
    readonly trackingNumber: string;
    readonly returnReceiptDueAt: InstantString;
  }
>;
export type ReturnReceived = EventOf<
  'dispute.return_received',
  WithDeadlines & { readonly condition: ReturnCondition; readonly note?: string }
>;
export type Resolved = EventOf<'dispute.resolved', WithDeadlines & { readonly resolution: Resolution }>;
export type Cancelled = EventOf<'dispute.cancelled', WithDeadlines & { readonly cancellation: Cancellation }>;
export type DeadlineAdjusted = EventOf<
  'dispute.deadline_adjusted',
  WithDeadlines & {
    readonly kind: DeadlineKind;
    readonly previousDueAt: InstantString | null;
    readonly dueAt: InstantString | null;
    readonly adjustment: DeadlineAdjustment;
  }
>;

/** The events that make up a dispute's history: `state = events.reduce(evolve, undefined)`. */
export type DomainEvent =
  | DisputeOpened
  | SellerResponded
  | ProposalSubmitted
  | Agreed
  | AutoAccepted
  | Escalated
  | Ruled
  | ReturnRequested
  | ReturnShipped
  | ReturnReceived
  | Resolved
  | Cancelled
  | DeadlineAdjusted;

/** Published when a command is refused (docs/CONTRACT.md); `version` is the dispute's unchanged version. */
export type CommandRejected = EventOf<
  'dispute.command_rejected',
  {
    readonly commandType: string;
    readonly commandId?: string;
    readonly expectedVersion: number;
    readonly rejection: Rejection;
  }
>;
