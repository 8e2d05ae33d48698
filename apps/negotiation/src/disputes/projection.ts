import {
  DISPUTE_TRANSITION_TYPES,
  EventType,
  TERMINAL_DISPUTE_STATUSES,
  type ActiveDeadlineDto,
  type DisputeOpenedPayload,
  type DisputeStatus,
  type DisputeTransitionPayload,
  type EventEnvelope,
  type OrderSnapshotDto,
  type ProposalDto,
  type RequestedDto,
  type ResolutionDto,
} from '@settle/contracts';
import { dispatch, forTypes } from '@settle/messaging';

/**
 * negotiation's projection of a dispute (parties, state, version, proposals), built from dispute events alone.
 * Plain TypeScript: `applyDisputeEvent` is a pure function a unit test calls with envelopes.
 */
export const ProposalState = {
  OPEN: 'OPEN',
  ACCEPTED: 'ACCEPTED',
  SUPERSEDED: 'SUPERSEDED',
  WITHDRAWN: 'WITHDRAWN',
  CLOSED: 'CLOSED',
} as const;
export type ProposalState = (typeof ProposalState)[keyof typeof ProposalState];

export interface ProposalRecord extends ProposalDto {
  state: ProposalState;
  /** The dispute version whose event recorded it: proposals are kept in the order they were made. */
  recordedAtVersion: number;
}

export interface DisputeView {
  id: string;
  sellerId: string;
  buyerId: string;
  orderId: string;
  listingId: string;
  reason: string;
  subReason: string;
  buyerLocale: string;
  status: DisputeStatus;
  version: number;
  requested: RequestedDto;
  order: OrderSnapshotDto;
  proposals: ProposalRecord[];
  deadlines: ActiveDeadlineDto[];
  resolution: ResolutionDto | null;
  openedAt: string;
  updatedAt: string;
}

/**
 * The view after `envelope`. Events at or below the view's version change nothing (redelivery, or an older event
 * arriving late), and so does command_rejected (it moves no version). Returns undefined when the view cannot be
 * built (an event of a dispute whose opening was never seen).
 */
export function applyDisputeEvent(view: DisputeView | undefined, envelope: EventEnvelope): DisputeView | undefined {
  const next = dispatch<DisputeView | undefined>(envelope, {
    [EventType.DISPUTE_OPENED]: (opened) => view ?? openedView(opened),
    ...forTypes(DISPUTE_TRANSITION_TYPES, (transition) => (view ? transitioned(view, transition) : view)),
  });
  if (!next || next === view || envelope.type === EventType.DISPUTE_OPENED) return next ?? view;
  dispatch(envelope, {
    [EventType.DISPUTE_SELLER_RESPONDED]: (responded) => {
      if (responded.counterProposal) record(next, responded.counterProposal, next.version);
      if (responded.acceptedProposalId) accept(next, responded.acceptedProposalId);
    },
    [EventType.DISPUTE_PROPOSAL_SUBMITTED]: (submitted) => {
      if (submitted.supersedesProposalId) setState(next, submitted.supersedesProposalId, ProposalState.SUPERSEDED);
      if (submitted.proposal.by === 'BUYER') {
        // A buyer's modification replaces the buyer's earlier ask and takes the seller's counters off the table.
        for (const proposal of next.proposals) {
          if (proposal.state !== ProposalState.OPEN) continue;
          proposal.state = proposal.by === 'BUYER' ? ProposalState.SUPERSEDED : ProposalState.WITHDRAWN;
        }
      } else {
        for (const proposal of next.proposals) {
          if (proposal.state === ProposalState.OPEN && proposal.by === submitted.proposal.by) {
            proposal.state = ProposalState.SUPERSEDED;
          }
        }
      }
      record(next, submitted.proposal, next.version);
    },
    ...forTypes([EventType.DISPUTE_AGREED, EventType.DISPUTE_AUTO_ACCEPTED], (agreed) => {
      if (!next.proposals.some((proposal) => proposal.proposalId === agreed.proposal.proposalId)) {
        record(next, agreed.proposal, next.version);
      }
      accept(next, agreed.proposal.proposalId);
    }),
    [EventType.DISPUTE_RESOLVED]: (resolved) => {
      next.resolution = resolved.resolution;
    },
  });
  if (TERMINAL_DISPUTE_STATUSES.includes(next.status) || next.status === 'ESCALATED') {
    for (const proposal of next.proposals)
      if (proposal.state === ProposalState.OPEN) proposal.state = ProposalState.CLOSED;
  }
  return next;
}

function openedView(opened: DisputeOpenedPayload): DisputeView {
  return {
    id: opened.disputeId,
    sellerId: opened.sellerId,
    buyerId: opened.buyerId,
    orderId: opened.orderId,
    listingId: opened.listingId,
    reason: opened.reason,
    subReason: opened.subReason,
    buyerLocale: opened.buyerLocale,
    status: opened.status,
    version: opened.version,
    requested: opened.requested,
    order: opened.order,
    proposals: [{ ...opened.proposal, state: ProposalState.OPEN, recordedAtVersion: opened.version }],
    deadlines: opened.deadlines,
    resolution: null,
    openedAt: opened.openedAt,
    updatedAt: opened.openedAt,
  };
}

/** What every transition changes in the view (a copy); the view itself when the event is not newer. */
function transitioned(view: DisputeView, transition: DisputeTransitionPayload): DisputeView {
  if (transition.version <= view.version) return view;
  return {
    ...view,
    status: transition.status,
    version: transition.version,
    deadlines: transition.deadlines,
    updatedAt: transition.occurredAt,
    proposals: view.proposals.map((proposal) => ({ ...proposal })),
  };
}

function record(view: DisputeView, proposal: ProposalDto, version: number): void {
  if (view.proposals.some((existing) => existing.proposalId === proposal.proposalId)) return;
  view.proposals.push({ ...proposal, state: ProposalState.OPEN, recordedAtVersion: version });
}

function setState(view: DisputeView, proposalId: string, state: ProposalState): void {
  const proposal = view.proposals.find((candidate) => candidate.proposalId === proposalId);
  if (proposal) proposal.state = state;
}

function accept(view: DisputeView, proposalId: string): void {
  for (const proposal of view.proposals) {
    if (proposal.proposalId === proposalId) proposal.state = ProposalState.ACCEPTED;
    else if (proposal.state === ProposalState.OPEN) proposal.state = ProposalState.CLOSED;
  }
}

/** The buyer's proposal the seller would accept now: the latest open one. */
export function currentBuyerProposal(view: DisputeView): ProposalRecord | undefined {
  return [...view.proposals]
    .reverse()
    .find((proposal) => proposal.by === 'BUYER' && proposal.state === ProposalState.OPEN);
}

export function isClosed(view: DisputeView): boolean {
  return TERMINAL_DISPUTE_STATUSES.includes(view.status);
}

/** A proposal with `expiresAt` can no longer be accepted from that instant on. */
export function isExpired(proposal: ProposalDto, now: Date): boolean {
  return proposal.expiresAt !== undefined && Date.parse(proposal.expiresAt) <= now.getTime();
}
