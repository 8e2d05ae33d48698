/**
 * Commands to a dispute (what travels on `settle.disputes.commands.v1` and what the HTTP APIs turn into).
 * Each names the version of the dispute its sender saw; a mismatch is refused with STALE_VERSION.
 */
import type { Money } from '@settle/contracts/money';
import type {
  Citation,
  DeadlineReasonCode,
  DisputeReason,
  EvidenceRef,
  InstantString,
  LifecycleDeadlineKind,
  DeadlineKind,
  OrderSnapshot,
  ProposalInput,
  RequestedType,
  ReturnCondition,
  RulingOutcome,
  SubReason,
} from './domain';
import type { TrackingFacts } from './policy';

/** Who sends a command. The platform acts for the buyer (role BUYER); the escalation timer is SYSTEM. */
export type Actor =
  | { readonly role: 'BUYER'; readonly id: string }
  | { readonly role: 'SELLER'; readonly id: string }
  | { readonly role: 'STAFF'; readonly id: string }
  | { readonly role: 'SYSTEM'; readonly id?: string };
export type ActorRole = Actor['role'];

interface CommandBase<T extends string> {
  readonly type: T;
  readonly expectedVersion: number;
  readonly actor: Actor;
  /** Optional id of the command, echoed in dispute.command_rejected. */
  readonly commandId?: string;
}

/** docs/CONTRACT.md `POST /responses`: ACCEPT the buyer's proposal as asked, or REJECT with a counter-proposal. */
export type SellerRespond =
  | (CommandBase<'SELLER_RESPOND'> & { readonly action: 'ACCEPT' })
  | (CommandBase<'SELLER_RESPOND'> & {
      readonly action: 'REJECT';
      readonly proposal: ProposalInput;
      readonly message?: string;
    });

/** A new or modified proposal from the buyer or the seller. */
export type SubmitProposal = CommandBase<'SUBMIT_PROPOSAL'> & { readonly proposal: ProposalInput };

/** Accept the other side's current proposal. */
export type AcceptProposal = CommandBase<'ACCEPT_PROPOSAL'> & { readonly proposalId: string };

/** The buyer escalates; `tracking` is the latest tracking the owner knows (default: the order snapshot's). */
export type Escalate = CommandBase<'ESCALATE'> & { readonly tracking?: TrackingFacts };

/** The escalation timer reports a deadline as passed. */
export type DeadlinePassed = CommandBase<'DEADLINE_PASSED'> & { readonly kind: LifecycleDeadlineKind };

/** Staff rule on an escalated dispute. */
export type Rule = CommandBase<'RULE'> & {
  readonly outcome: RulingOutcome;
  readonly refund?: Money;
  readonly rationale: string;
  readonly citations?: readonly Citation[];
};

export type ShipReturn = CommandBase<'SHIP_RETURN'> & { readonly carrier: string; readonly trackingNumber: string };

export type ConfirmReturnReceipt = CommandBase<'CONFIRM_RETURN_RECEIPT'> & {
  readonly condition: ReturnCondition;
  readonly note?: string;
};

/** The buyer withdraws the dispute. */
export type Cancel = CommandBase<'CANCEL'> & { readonly reason?: string };

/** Staff (or the timer, for a customs hold) extend, pause or resume a running deadline, with a reason code. */
export type AdjustDeadline = CommandBase<'ADJUST_DEADLINE'> & {
  readonly kind: DeadlineKind;
  readonly reasonCode: DeadlineReasonCode;
  readonly note?: string;
} & (
    | { readonly action: 'EXTEND'; readonly until: InstantString }
    | { readonly action: 'PAUSE' }
    | { readonly action: 'RESUME' }
  );

/**
 * Moves an AGREED dispute on (to RESOLVED or AWAITING_RETURN). Never needed when the history comes from `decide`,
 * which settles an agreement in the same decision; kept for a history written otherwise.
 */
export type SettleAgreement = CommandBase<'SETTLE_AGREEMENT'>;

export type DisputeCommand =
  | SellerRespond
  | SubmitProposal
  | AcceptProposal
  | Escalate
  | DeadlinePassed
  | Rule
  | ShipReturn
  | ConfirmReturnReceipt
  | Cancel
  | AdjustDeadline
  | SettleAgreement;
export type DisputeCommandType = DisputeCommand['type'];

/** Who may send each command. */
export const COMMAND_ACTORS: Readonly<Record<DisputeCommandType, readonly ActorRole[]>> = {
  SELLER_RESPOND: ['SELLER'],
  SUBMIT_PROPOSAL: ['BUYER', 'SELLER'],
  ACCEPT_PROPOSAL: ['BUYER', 'SELLER'],
  ESCALATE: ['BUYER'],
  DEADLINE_PASSED: ['SYSTEM'],
  RULE: ['STAFF'],
  SHIP_RETURN: ['BUYER'],
  CONFIRM_RETURN_RECEIPT: ['SELLER'],
  CANCEL: ['BUYER'],
  ADJUST_DEADLINE: ['STAFF', 'SYSTEM'],
  SETTLE_AGREEMENT: ['SYSTEM'],
};

/** What `open` needs: docs/CONTRACT.md's `POST /v1/disputes` body plus the id Settle assigned. */
export interface OpenDisputeInput {
  readonly disputeId: string;
  readonly orderId: string;
  readonly buyerId: string;
  readonly sellerId: string;
  readonly listingId: string;
  readonly reason: DisputeReason;
  readonly subReason?: SubReason | null;
  readonly requested: { readonly type: RequestedType; readonly refund: Money };
  readonly order: OrderSnapshot;
  readonly description?: string;
  readonly evidence?: readonly EvidenceRef[];
  /** Id of the buyer's opening proposal; default `${disputeId}:P1`. */
  readonly proposalId?: string;
}
