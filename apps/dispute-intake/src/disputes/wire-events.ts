import {
  assertPayload,
  REFUNDING_OUTCOMES,
  type ActorDto,
  type CitationDto,
  type EvidenceItemDto,
} from '@settle/contracts';
import {
  evolve,
  type ActiveDeadline,
  type Dispute,
  type DomainEvent,
  type Proposal,
  type Resolution,
} from '@settle/dispute-lifecycle';

/*
 * The lifecycle's events (its own vocabulary, folded by `evolve`) as the contract's payloads on
 * settle.disputes.events.v1. Every payload is validated against its contract class here, inside the transaction
 * that stores it, so an event a consumer would refuse never leaves the service.
 */

/** What a command says beyond what the lifecycle keeps: ids minted by the sender, notes, evidence. */
export interface CommandFacts {
  actor: ActorDto;
  commandId?: string;
  deadlineId?: string;
  escalationId?: string;
  rulingId?: string;
  citations?: CitationDto[];
  message?: string;
  supersedesProposalId?: string;
  shippedAt?: string;
  receivedAt?: string;
  evidence?: EvidenceItemDto[];
  note?: string;
}

export interface WireEvent {
  type: string;
  data: Record<string, unknown>;
  /** The lifecycle event it came from (what the history folds). */
  domain: DomainEvent;
  occurredAt: string;
  version: number;
}

export function wireDeadlines(
  deadlines: readonly ActiveDeadline[],
): { kind: string; dueAt?: string; remainingMs?: number }[] {
  return deadlines.map((deadline) =>
    deadline.dueAt === null
      ? { kind: deadline.kind, remainingMs: deadline.remainingMs ?? 0 }
      : { kind: deadline.kind, dueAt: deadline.dueAt },
  );
}

export function wireProposal(proposal: Proposal): Record<string, unknown> {
  return {
    proposalId: proposal.proposalId,
    by: proposal.by,
    type: proposal.type,
    ...(proposal.refund ? { refund: proposal.refund } : {}),
    ...(proposal.expiresAt ? { expiresAt: proposal.expiresAt } : {}),
    submittedAt: proposal.submittedAt,
    round: proposal.round,
  };
}

function proposalOf(state: Dispute, proposalId: string): Record<string, unknown> {
  const proposal = state.proposals.find((candidate) => candidate.proposalId === proposalId);
  if (!proposal) throw new Error(`proposal ${proposalId} is not on dispute ${state.id}`);
  return wireProposal(proposal);
}

function wireResolution(resolution: Resolution, state: Dispute, facts: CommandFacts): Record<string, unknown> {
  const by =
    resolution.cause === 'RULING'
      ? 'RULING'
      : resolution.cause === 'RETURN_RECEIPT_DEADLINE' || resolution.cause === 'RETURN_SHIPMENT_DEADLINE'
        ? 'DEADLINE'
        : state.agreement?.automatic
          ? 'AUTO'
          : 'AGREEMENT';
  const refunding = REFUNDING_OUTCOMES.includes(resolution.outcome);
  return {
    outcome: resolution.outcome,
    ...(refunding ? { refund: resolution.refund } : {}),
    by,
    inFavourOf: resolution.inFavourOf,
    ...((by === 'AGREEMENT' || by === 'AUTO') && state.agreement ? { proposalId: state.agreement.proposalId } : {}),
    ...(by === 'RULING' && facts.rulingId ? { rulingId: facts.rulingId } : {}),
  };
}

/** The specific fields of one event, given the state before it (`before`) and after it (`after`). */
function specificData(
  event: DomainEvent,
  before: Dispute,
  after: Dispute,
  facts: CommandFacts,
): Record<string, unknown> {
  switch (event.type) {
    case 'dispute.opened':
      throw new Error('dispute.opened is built by the opening, not mapped');
    case 'dispute.seller_responded':
      return event.data.action === 'ACCEPT'
        ? {
            action: 'ACCEPT',
            ...(before.currentBuyerProposal ? { acceptedProposalId: before.currentBuyerProposal.proposalId } : {}),
            ...(facts.message ? { message: facts.message } : {}),
            ...(event.data.responseDueAt ? { responseDueAt: event.data.responseDueAt } : {}),
            withinDeadline: event.data.withinDeadline,
          }
        : {
            action: 'REJECT',
            counterProposal: wireProposal(event.data.proposal as Proposal),
            message: event.data.message ?? facts.message ?? 'The seller proposed other terms.',
            ...(event.data.responseDueAt ? { responseDueAt: event.data.responseDueAt } : {}),
            withinDeadline: event.data.withinDeadline,
          };
    case 'dispute.proposal_submitted':
      return {
        proposal: wireProposal(event.data.proposal),
        ...(facts.supersedesProposalId ? { supersedesProposalId: facts.supersedesProposalId } : {}),
        sellerClockRestarted: event.data.sellerClockRestarted,
      };
    case 'dispute.agreed':
      return { proposal: proposalOf(before, event.data.agreement.proposalId) };
    case 'dispute.auto_accepted':
      return { proposal: proposalOf(before, event.data.agreement.proposalId), deadlineId: facts.deadlineId };
    case 'dispute.escalated':
      return {
        cause: event.data.escalation.cause,
        ...(facts.deadlineId && event.data.escalation.cause === 'INTERVENTION_DEADLINE'
          ? { deadlineId: facts.deadlineId }
          : {}),
        ...(facts.note ? { note: facts.note } : {}),
      };
    case 'dispute.ruled': {
      const ruling = event.data.ruling;
      return {
        ruling: {
          rulingId: facts.rulingId,
          outcome: ruling.outcome,
          ...(ruling.outcome === 'SELLER_FAVOUR' ? {} : { refund: ruling.refund }),
          rationale: ruling.rationale,
          citations: facts.citations ?? ruling.citations.map((citation) => ({ ...citation })),
          ruledBy: ruling.staffId,
          ruledAt: ruling.at,
        },
        ...(facts.escalationId ? { escalationId: facts.escalationId } : {}),
      };
    }
    case 'dispute.return_requested':
      return {
        refund: event.data.refund,
        ...(after.agreement ? { proposalId: after.agreement.proposalId } : {}),
      };
    case 'dispute.return_shipped':
      return {
        carrier: event.data.carrier,
        trackingNumber: event.data.trackingNumber,
        shippedAt: facts.shippedAt ?? event.at,
      };
    case 'dispute.return_received':
      return {
        condition: event.data.condition,
        ...(event.data.note !== undefined ? { note: event.data.note } : {}),
        ...(facts.evidence?.length ? { evidence: facts.evidence } : {}),
        receivedAt: facts.receivedAt ?? event.at,
      };
    case 'dispute.resolved':
      return { resolution: wireResolution(event.data.resolution, after, facts) };
    case 'dispute.cancelled':
      return event.data.cancellation.reason !== undefined ? { reason: event.data.cancellation.reason } : {};
    case 'dispute.deadline_adjusted':
      return {
        adjustment: {
          deadlineId: facts.deadlineId,
          kind: event.data.kind,
          action: event.data.adjustment.action,
          reasonCode: event.data.adjustment.reasonCode,
          ...(event.data.adjustment.note !== undefined ? { note: event.data.adjustment.note } : {}),
          ...(event.data.previousDueAt ? { previousDueAt: event.data.previousDueAt } : {}),
          ...(event.data.adjustment.action === 'PAUSE' || !event.data.dueAt ? {} : { dueAt: event.data.dueAt }),
        },
      };
  }
}

/** Maps a decision's events (applied to `state` in order) to validated contract payloads. */
export function toWireEvents(state: Dispute, events: readonly DomainEvent[], facts: CommandFacts): WireEvent[] {
  let before = state;
  return events.map((event) => {
    const after = evolve(before, event);
    const data = {
      disputeId: event.disputeId,
      status: after.status,
      previousStatus: before.status,
      version: event.version,
      occurredAt: event.at,
      actor: facts.actor,
      ...(facts.commandId ? { commandId: facts.commandId } : {}),
      deadlines: wireDeadlines(event.data.deadlines),
      ...specificData(event, before, after, facts),
    };
    assertPayload(event.type, data);
    before = after;
    return { type: event.type, data, domain: event, occurredAt: event.at, version: event.version };
  });
}
