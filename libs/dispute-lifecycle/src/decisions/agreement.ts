/**
 * Agreement and its settlement: AGREED goes on to RESOLVED or AWAITING_RETURN in the same decision.
 */
import type { Money } from '@settle/contracts/money';
import type { DecisionBuilder } from '../decision';
import type { Agreement, Proposal, Proposer, Resolution } from '../domain';
import { zero } from './proposals';

export function agreementOf(
  decision: DecisionBuilder,
  proposal: Proposal,
  acceptedBy: Proposer,
  automatic: boolean,
  afterEscalation: boolean,
): Agreement {
  return {
    proposalId: proposal.proposalId,
    type: proposal.type,
    refund: proposal.refund ?? zero(decision.state.paid),
    proposedBy: proposal.by,
    acceptedBy,
    automatic,
    afterEscalation,
    at: decision.at,
  };
}

export function agree(
  decision: DecisionBuilder,
  proposal: Proposal,
  acceptedBy: Proposer,
  afterEscalation: boolean,
): void {
  decision.emit('dispute.agreed', {
    agreement: agreementOf(decision, proposal, acceptedBy, false, afterEscalation),
    deadlines: [],
  });
  settleAgreement(decision);
}

export function favourOf(refund: Money, paid: Money): Resolution['inFavourOf'] {
  if (refund.amountMinor === 0) return 'SELLER';
  return refund.amountMinor >= paid.amountMinor ? 'BUYER' : 'SHARED';
}

/** AGREED → RESOLVED (REFUND_ONLY, NO_REFUND, RESEND) or AGREED → AWAITING_RETURN (RETURN_AND_REFUND). */
export function settleAgreement(decision: DecisionBuilder): void {
  const agreement = decision.state.agreement as Agreement;
  if (agreement.type === 'RETURN_AND_REFUND') {
    const returnShipmentDueAt = decision.dueAt('RETURN_SHIPMENT');
    decision.emit('dispute.return_requested', {
      refund: agreement.refund,
      returnShipmentDueAt,
      deadlines: [{ kind: 'RETURN_SHIPMENT', dueAt: returnShipmentDueAt }],
    });
    return;
  }
  const refund = agreement.type === 'REFUND_ONLY' ? agreement.refund : zero(decision.state.paid);
  decision.emit('dispute.resolved', {
    resolution: {
      cause: 'AGREEMENT',
      outcome: agreement.type,
      refund,
      inFavourOf: agreement.type === 'RESEND' ? 'SHARED' : favourOf(refund, decision.state.paid),
      at: decision.at,
    },
    deadlines: [],
  });
}
