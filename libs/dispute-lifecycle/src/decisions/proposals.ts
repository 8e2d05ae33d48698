/**
 * Proposals: the seller answers, either side proposes, a proposal is accepted.
 */
import type { Money } from '@settle/contracts/money';
import { isInstantString, nonEmpty } from '../checks';
import type { AcceptProposal, SellerRespond, SubmitProposal } from '../commands';
import { type Decision, type DecisionBuilder, refused, wrongState } from '../decision';
import {
  type ActiveDeadline,
  type Dispute,
  type DisputeStatus,
  type InstantString,
  type Proposal,
  type ProposalInput,
  type Proposer,
  PROPOSAL_TYPES,
  REFUNDING_PROPOSAL_TYPES,
} from '../domain';
import { checkRefundLimit } from '../policy';
import { type Rejection, reject } from '../rejections';
import { AWAITING_SELLER_STATES } from '../transitions';
import { agree } from './agreement';

export function zero(paid: Money): Money {
  return { amountMinor: 0, currency: paid.currency };
}

export function isExpired(proposal: Proposal, now: Date): boolean {
  return proposal.expiresAt !== undefined && now.getTime() >= Date.parse(proposal.expiresAt);
}

export function buildProposal(
  decision: DecisionBuilder,
  input: ProposalInput | undefined,
  by: Proposer,
): Proposal | Rejection {
  const dispute = decision.state;
  if (!input || !PROPOSAL_TYPES.includes(input.type)) {
    return reject('PROPOSAL_TYPE_NOT_ALLOWED', `A proposal is one of ${PROPOSAL_TYPES.join(', ')}.`);
  }
  if (by === 'BUYER' && input.type === 'NO_REFUND') {
    return reject(
      'PROPOSAL_TYPE_NOT_ALLOWED',
      'The buyer does not propose NO_REFUND; the buyer withdraws the dispute instead.',
    );
  }
  if (REFUNDING_PROPOSAL_TYPES.includes(input.type)) {
    if (input.refund === undefined) return reject('REFUND_REQUIRED', `A ${input.type} proposal names its refund.`);
    const check = checkRefundLimit(input.refund, dispute.paid);
    if (!check.ok) return check.rejection;
  } else if (input.refund !== undefined) {
    return reject('REFUND_NOT_ALLOWED', `A ${input.type} proposal carries no refund.`);
  }
  if (input.expiresAt !== undefined) {
    if (!isInstantString(input.expiresAt) || Date.parse(input.expiresAt) <= decision.now.getTime()) {
      return reject('INVALID_EXPIRY', `expiresAt must be an RFC 3339 instant after ${decision.at}.`);
    }
  }
  const proposalId = input.proposalId ?? `${dispute.id}:P${dispute.proposals.length + 1}`;
  if (!nonEmpty(proposalId)) return reject('INVALID_ORDER', 'proposalId must be a non-empty string.');
  if (dispute.proposals.some((proposal) => proposal.proposalId === proposalId)) {
    return reject('DUPLICATE_PROPOSAL_ID', `A proposal ${proposalId} already exists on this dispute.`);
  }
  return {
    proposalId,
    by,
    type: input.type,
    ...(input.refund !== undefined ? { refund: input.refund } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: new Date(input.expiresAt).toISOString() } : {}),
    submittedAt: decision.at,
    // A buyer's proposal opens the next round; the seller's counters answer the current one.
    round: by === 'BUYER' ? dispute.round + 1 : dispute.round,
  };
}

export const isRejection = (value: Proposal | Rejection): value is Rejection =>
  'type' in value && 'detail' in value && !('proposalId' in value);

export function sellerDeadline(dispute: Dispute): ActiveDeadline | undefined {
  return dispute.deadlines.find((deadline) => deadline.kind === 'SELLER_RESPONSE');
}

/** Whether the seller answers before the seller-response deadline (a paused deadline has not passed). */
export function sellerWithinDeadline(
  dispute: Dispute,
  now: Date,
): { responseDueAt: InstantString | null; withinDeadline: boolean } {
  const dueAt = sellerDeadline(dispute)?.dueAt ?? null;
  return { responseDueAt: dueAt, withinDeadline: dueAt === null || now.getTime() < Date.parse(dueAt) };
}

/** AWAITING_SELLER → NEGOTIATING: the seller rejects the buyer's proposal with a counter-proposal. */
export function sellerCounters(
  decision: DecisionBuilder,
  input: ProposalInput,
  message: string | undefined,
): Decision | null {
  const timing = sellerWithinDeadline(decision.state, decision.now);
  if (!timing.withinDeadline) {
    return refused(
      'DEADLINE_ALREADY_PASSED',
      `The seller could answer until ${timing.responseDueAt}; the buyer's proposal is accepted automatically.`,
    );
  }
  const proposal = buildProposal(decision, input, 'SELLER');
  if (isRejection(proposal)) return { ok: false, rejection: proposal };
  decision.emit('dispute.seller_responded', {
    action: 'REJECT',
    proposal,
    ...(message !== undefined ? { message } : {}),
    ...timing,
    // The seller has answered: the seller clock stops; the intervention deadline keeps running.
    deadlines: decision.deadlinesWithout('SELLER_RESPONSE'),
  });
  return null;
}

/** AWAITING_SELLER → AGREED: the seller accepts the buyer's proposal as asked. */
export function sellerAccepts(decision: DecisionBuilder, proposal: Proposal): Decision | null {
  if (isExpired(proposal, decision.now))
    return refused('PROPOSAL_EXPIRED', `Proposal ${proposal.proposalId} expired at ${proposal.expiresAt}.`);
  decision.emit('dispute.seller_responded', {
    action: 'ACCEPT',
    ...sellerWithinDeadline(decision.state, decision.now),
    deadlines: decision.state.deadlines,
  });
  agree(decision, proposal, 'SELLER', false);
  return null;
}

export function sellerRespond(decision: DecisionBuilder, command: SellerRespond): Decision | null {
  const dispute = decision.state;
  if (!AWAITING_SELLER_STATES.includes(dispute.status))
    return wrongState(dispute, 'The seller responds', AWAITING_SELLER_STATES);
  if (command.action === 'ACCEPT') {
    if (!dispute.currentBuyerProposal) return refused('PROPOSAL_NOT_FOUND', 'There is no buyer proposal to accept.');
    return sellerAccepts(decision, dispute.currentBuyerProposal);
  }
  if (command.action === 'REJECT') return sellerCounters(decision, command.proposal, command.message);
  return refused(
    'UNKNOWN_COMMAND',
    `A seller response is ACCEPT or REJECT, not "${String((command as { action: unknown }).action)}".`,
  );
}

export function submitProposal(decision: DecisionBuilder, command: SubmitProposal): Decision | null {
  const dispute = decision.state;
  const by = command.actor.role as 'BUYER' | 'SELLER';
  if (AWAITING_SELLER_STATES.includes(dispute.status)) {
    // A seller's proposal while the dispute awaits the seller is the seller's answer: a rejection with a counter.
    if (by === 'SELLER') return sellerCounters(decision, command.proposal, undefined);
    return refused(
      'INVALID_STATE_TRANSITION',
      'The buyer modifies the proposal once the seller has answered (NEGOTIATING); the dispute awaits the seller.',
    );
  }
  if (dispute.status !== 'NEGOTIATING' && dispute.status !== 'ESCALATED') {
    return wrongState(dispute, 'A proposal is made', ['AWAITING_SELLER', 'NEGOTIATING', 'ESCALATED']);
  }
  const proposal = buildProposal(decision, command.proposal, by);
  if (isRejection(proposal)) return { ok: false, rejection: proposal };
  if (dispute.status === 'NEGOTIATING' && by === 'BUYER') {
    // NEGOTIATING → AWAITING_SELLER: the buyer modified the proposal; the seller clock restarts from now.
    const sellerResponseDueAt = decision.dueAt('SELLER_RESPONSE');
    decision.emit('dispute.proposal_submitted', {
      proposal,
      sellerClockRestarted: true,
      sellerResponseDueAt,
      deadlines: [
        ...decision.deadlinesWithout('SELLER_RESPONSE'),
        { kind: 'SELLER_RESPONSE', dueAt: sellerResponseDueAt },
      ],
    });
    return null;
  }
  decision.emit('dispute.proposal_submitted', {
    proposal,
    sellerClockRestarted: false,
    deadlines: decision.state.deadlines,
  });
  return null;
}

export function acceptProposal(decision: DecisionBuilder, command: AcceptProposal): Decision | null {
  const dispute = decision.state;
  const states: DisputeStatus[] = [...AWAITING_SELLER_STATES, 'NEGOTIATING', 'ESCALATED'];
  if (!states.includes(dispute.status)) return wrongState(dispute, 'A proposal is accepted', states);
  const proposal = dispute.proposals.find((proposal) => proposal.proposalId === command.proposalId);
  if (!proposal) return refused('PROPOSAL_NOT_FOUND', `No proposal ${String(command.proposalId)} on this dispute.`);
  if (proposal.by === command.actor.role) {
    return refused(
      'CANNOT_ACCEPT_OWN_PROPOSAL',
      `Proposal ${proposal.proposalId} is the ${proposal.by.toLowerCase()}'s own.`,
    );
  }
  const current = proposal.by === 'BUYER' ? dispute.currentBuyerProposal : dispute.currentSellerProposal;
  if (current?.proposalId !== proposal.proposalId) {
    return refused(
      'PROPOSAL_SUPERSEDED',
      current
        ? `Proposal ${proposal.proposalId} was replaced by ${current.proposalId}.`
        : `Proposal ${proposal.proposalId} is no longer on the table.`,
    );
  }
  if (isExpired(proposal, decision.now)) {
    return refused('PROPOSAL_EXPIRED', `Proposal ${proposal.proposalId} expired at ${proposal.expiresAt}.`);
  }
  if (AWAITING_SELLER_STATES.includes(dispute.status)) return sellerAccepts(decision, proposal);
  agree(decision, proposal, command.actor.role as Proposer, dispute.status === 'ESCALATED');
  return null;
}
