/** evolve: folds one event into a dispute (the lifecycle is event-sourced: state = events.reduce(evolve)). */

import type { Dispute } from './domain';
import type { DisputeOpened, DomainEvent } from './events';
import { isLifecycleArrow } from './transitions';

/** Thrown by `evolve` for an event that cannot follow the state (a corrupt or misordered history), never for input. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
}

/** Applies one event. Throws InvalidEventError if the event cannot follow the state (wrong order, wrong arrow). */
export function evolve(state: Dispute | undefined, event: DomainEvent): Dispute {
  if (event.type === 'dispute.opened') {
    if (state) throw new InvalidEventError(`dispute ${state.id} is already open`);
    if (event.version !== 1) throw new InvalidEventError(`dispute.opened must be version 1, got ${event.version}`);
    return openedState(event);
  }
  if (!state) throw new InvalidEventError(`the first event of a dispute is dispute.opened, got ${event.type}`);
  if (event.disputeId !== state.id) {
    throw new InvalidEventError(`event for dispute ${event.disputeId} applied to dispute ${state.id}`);
  }
  if (event.version !== state.version + 1) {
    throw new InvalidEventError(`event version ${event.version} cannot follow version ${state.version}`);
  }
  const next = { ...applyEvent(state, event), version: event.version, deadlines: event.data.deadlines };
  if (!isLifecycleArrow(state.status, event.type, next.status)) {
    throw new InvalidEventError(`${event.type} cannot move a dispute from ${state.status} to ${next.status}`);
  }
  return next;
}

/** Folds a whole history. */
export function replay(events: readonly DomainEvent[]): Dispute {
  const state = events.reduce<Dispute | undefined>(evolve, undefined);
  if (!state) throw new InvalidEventError('an empty history has no dispute');
  return state;
}

function openedState(event: DisputeOpened): Dispute {
  const data = event.data;
  return {
    id: event.disputeId,
    status: 'AWAITING_SELLER',
    version: 1,
    orderId: data.orderId,
    buyerId: data.buyerId,
    sellerId: data.sellerId,
    listingId: data.listingId,
    reason: data.reason,
    subReason: data.subReason,
    requested: data.requested,
    paid: data.order.amount,
    order: data.order,
    openedAt: event.at,
    proposals: [data.proposal],
    currentBuyerProposal: data.proposal,
    currentSellerProposal: null,
    round: data.proposal.round,
    sellerFirstRespondedAt: null,
    agreement: null,
    returnShipment: null,
    escalatedAt: null,
    escalation: null,
    ruling: null,
    resolution: null,
    cancellation: null,
    deadlines: data.deadlines,
  };
}

function applyEvent(state: Dispute, event: Exclude<DomainEvent, DisputeOpened>): Dispute {
  switch (event.type) {
    case 'dispute.seller_responded': {
      const responded = { ...state, sellerFirstRespondedAt: state.sellerFirstRespondedAt ?? event.at };
      if (event.data.action === 'ACCEPT' || !event.data.proposal) return responded;
      const proposal = event.data.proposal;
      return {
        ...responded,
        status: 'NEGOTIATING',
        proposals: [...state.proposals, proposal],
        currentSellerProposal: proposal,
      };
    }
    case 'dispute.proposal_submitted': {
      const proposal = event.data.proposal;
      const proposals = [...state.proposals, proposal];
      if (proposal.by === 'BUYER') {
        const backToSeller = state.status === 'NEGOTIATING';
        return {
          ...state,
          status: backToSeller ? 'AWAITING_SELLER' : state.status,
          proposals,
          currentBuyerProposal: proposal,
          // The buyer's modified proposal answers the seller's counter: it is no longer on the table.
          currentSellerProposal: backToSeller ? null : state.currentSellerProposal,
          round: proposal.round,
        };
      }
      return { ...state, proposals, currentSellerProposal: proposal };
    }
    case 'dispute.agreed':
    case 'dispute.auto_accepted':
      return {
        ...state,
        status: 'AGREED',
        agreement: event.data.agreement,
        currentBuyerProposal: null,
        currentSellerProposal: null,
      };
    case 'dispute.escalated':
      return { ...state, status: 'ESCALATED', escalatedAt: event.at, escalation: event.data.escalation };
    case 'dispute.ruled':
      return { ...state, ruling: event.data.ruling };
    case 'dispute.return_requested':
      return { ...state, status: 'AWAITING_RETURN' };
    case 'dispute.return_shipped':
      return {
        ...state,
        status: 'RETURN_IN_TRANSIT',
        returnShipment: { carrier: event.data.carrier, trackingNumber: event.data.trackingNumber, shippedAt: event.at },
      };
    case 'dispute.return_received':
      return {
        ...state,
        returnShipment: {
          ...(state.returnShipment ?? { carrier: '', trackingNumber: '', shippedAt: event.at }),
          receivedAt: event.at,
          condition: event.data.condition,
          ...(event.data.note !== undefined ? { note: event.data.note } : {}),
        },
      };
    case 'dispute.resolved':
      return { ...state, status: 'RESOLVED', resolution: event.data.resolution };
    case 'dispute.cancelled':
      return { ...state, status: 'CANCELLED', cancellation: event.data.cancellation };
    case 'dispute.deadline_adjusted':
      return state;
  }
}
