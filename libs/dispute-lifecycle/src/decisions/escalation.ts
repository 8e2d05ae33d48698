/**
 * Escalation (by the buyer, a deadline or a return problem) and the staff ruling.
 */
import type { Money } from '@settle/contracts/money';
import { isList, nonEmpty } from '../checks';
import type { Escalate, Rule } from '../commands';
import { type Decision, type DecisionBuilder, fromCheck, refused, wrongState } from '../decision';
import { type Citation, CITATION_KINDS, type DisputeStatus, type EscalationCause, RULING_OUTCOMES } from '../domain';
import { checkBuyerMayEscalate, checkRefundLimit } from '../policy';
import { AWAITING_SELLER_STATES } from '../transitions';
import { favourOf } from './agreement';
import { zero } from './proposals';

export function escalate(decision: DecisionBuilder, by: 'BUYER' | 'SELLER' | 'PLATFORM', cause: EscalationCause): void {
  decision.emit('dispute.escalated', {
    escalation: { by, cause, at: decision.at },
    deadlines: [{ kind: 'STAFF_RULING_SLA', dueAt: decision.dueAt('STAFF_RULING_SLA') }],
  });
}

export function escalateByBuyer(decision: DecisionBuilder, command: Escalate): Decision | null {
  const dispute = decision.state;
  const states: DisputeStatus[] = [...AWAITING_SELLER_STATES, 'NEGOTIATING'];
  if (!states.includes(dispute.status)) return wrongState(dispute, 'The buyer escalates', states);
  const check = fromCheck(
    checkBuyerMayEscalate(dispute, decision.now, decision.policy, command.tracking ?? dispute.order),
  );
  if (check) return check;
  escalate(decision, 'BUYER', 'BUYER_REQUEST');
  return null;
}

export function rule(decision: DecisionBuilder, command: Rule): Decision | null {
  const dispute = decision.state;
  if (dispute.status !== 'ESCALATED') return wrongState(dispute, 'Staff rule', ['ESCALATED']);
  if (!RULING_OUTCOMES.includes(command.outcome)) {
    return refused('INVALID_RULING', `A ruling outcome is one of ${RULING_OUTCOMES.join(', ')}.`);
  }
  if (!nonEmpty(command.rationale)) return refused('RATIONALE_REQUIRED');
  const citations: readonly Citation[] = command.citations ?? [];
  if (
    !isList(citations) ||
    citations.some((citation) => !citation || !CITATION_KINDS.includes(citation.kind) || !nonEmpty(citation.ref))
  ) {
    return refused('INVALID_RULING', `Each citation is { kind: ${CITATION_KINDS.join('|')}, ref }.`);
  }
  let refund: Money;
  switch (command.outcome) {
    case 'SELLER_FAVOUR':
      if (command.refund !== undefined && command.refund.amountMinor !== 0) {
        return refused('REFUND_NOT_ALLOWED', 'A ruling in the seller’s favour refunds nothing.');
      }
      refund = zero(dispute.paid);
      break;
    case 'PARTIAL_REFUND':
      if (command.refund === undefined) return refused('REFUND_REQUIRED', 'A partial refund names its amount.');
      refund = command.refund;
      break;
    case 'REFUND_BUYER':
    case 'RETURN_AND_REFUND':
      refund = command.refund ?? dispute.paid;
      break;
  }
  const check = command.outcome === 'SELLER_FAVOUR' ? null : fromCheck(checkRefundLimit(refund, dispute.paid));
  if (check) return check;
  if (command.outcome === 'REFUND_BUYER' && refund.amountMinor !== dispute.paid.amountMinor) {
    return refused('INVALID_AMOUNT', 'REFUND_BUYER refunds what was paid; use PARTIAL_REFUND for less.');
  }
  const ruling = {
    outcome: command.outcome,
    refund,
    rationale: command.rationale,
    citations,
    staffId: command.actor.id ?? '',
    at: decision.at,
  };
  decision.emit('dispute.ruled', { ruling, deadlines: [] });
  decision.emit('dispute.resolved', {
    resolution: {
      cause: 'RULING',
      outcome: command.outcome,
      refund,
      inFavourOf: favourOf(refund, dispute.paid),
      at: decision.at,
    },
    deadlines: [],
  });
  return null;
}
