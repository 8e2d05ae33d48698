import {
  EventType,
  TERMINAL_DISPUTE_STATUSES,
  type ActiveDeadlineDto,
  type DisputeAgreedPayload,
  type DisputeAutoAcceptedPayload,
  type DisputeOpenedPayload,
  type DisputeProposalSubmittedPayload,
  type DisputeResolvedPayload,
  type DisputeSellerRespondedPayload,
  type DisputeStatus,
  type EventEnvelope,
  type OrderSnapshotDto,
  type ProposalDto,
  type RequestedDto,
  type ResolutionDto,
} from '@settle/contracts';

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

interface Transition {
  status: DisputeStatus;
  version: number;
  occurredAt: string;
  deadlines: ActiveDeadlineDto[];
}

/**
 * The view after `envelope`. Events at or below the view's version change nothing (redelivery, or an older event
 * arriving late), and so does command_rejected (it moves no version). Returns undefined when the view cannot be
 * built (an event of a dispute whose opening was never seen).
 */
export function applyDisputeEvent(view: DisputeView | undefined, envelope: EventEnvelope): DisputeView | undefined {
  if (envelope.type === EventType.DISPUTE_OPENED) {
    if (view) return view;
    const opened = envelope.data as DisputeOpenedPayload;
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
  if (!view || envelope.type === EventType.DISPUTE_COMMAND_REJECTED) return view;
  const transition = envelope.data as Partial<Transition>;
  if (typeof transition.version !== 'number' || transition.version <= view.version) return view;
  const next: DisputeView = {
    ...view,
    status: transition.status ?? view.status,
    version: transition.version,
    deadlines: transition.deadlines ?? view.deadlines,
    updatedAt: transition.occurredAt ?? view.updatedAt,
    proposals: view.proposals.map((proposal) => ({ ...proposal })),
  };
  const version = transition.version;
  switch (envelope.type) {
    case EventType.DISPUTE_SELLER_RESPONDED: {
      const responded = envelope.data as DisputeSellerRespondedPayload;
      if (responded.counterProposal) record(next, responded.counterProposal, version);
      if (responded.acceptedProposalId) accept(next, responded.acceptedProposalId);
      break;
    }
    case EventType.DISPUTE_PROPOSAL_SUBMITTED: {
      const submitted = envelope.data as DisputeProposalSubmittedPayload;
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
      record(next, submitted.proposal, version);
      break;
    }
    case EventType.DISPUTE_AGREED:
    case EventType.DISPUTE_AUTO_ACCEPTED: {
      const agreed = envelope.data as DisputeAgreedPayload | DisputeAutoAcceptedPayload;
      if (!next.proposals.some((proposal) => proposal.proposalId === agreed.proposal.proposalId)) {
        record(next, agreed.proposal, version);
      }
      accept(next, agreed.proposal.proposalId);
      break;
    }
    case EventType.DISPUTE_RESOLVED: {
      next.resolution = (envelope.data as DisputeResolvedPayload).resolution;
      break;
    }
    default:
      break;
  }
  if (TERMINAL_DISPUTE_STATUSES.includes(next.status) || next.status === 'ESCALATED') {
    for (const proposal of next.proposals)
      if (proposal.state === ProposalState.OPEN) proposal.state = ProposalState.CLOSED;
  }
  return next;
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
