/**
 * A deadline passed, or staff adjusted one with a reason code.
 */
import { isInstantString } from '../checks';
import type { AdjustDeadline, DeadlinePassed } from '../commands';
import { type Decision, type DecisionBuilder, refused } from '../decision';
import { type ActiveDeadline, type Agreement, DEADLINE_REASON_CODES, type DeadlineKind } from '../domain';
import { agreementOf, favourOf, settleAgreement } from './agreement';
import { escalate } from './escalation';
import { isExpired, zero } from './proposals';

export function deadlinePassed(decision: DecisionBuilder, command: DeadlinePassed): Decision | null {
  const dispute = decision.state;
  if ((command.kind as DeadlineKind) === 'STAFF_RULING_SLA') {
    return refused(
      'INVALID_STATE_TRANSITION',
      'The staff ruling SLA flags the case overdue to leads; it does not move the dispute.',
    );
  }
  const deadline = dispute.deadlines.find((deadline) => deadline.kind === command.kind);
  if (!deadline)
    return refused(
      'DEADLINE_NOT_ACTIVE',
      `No ${String(command.kind)} deadline runs while the dispute is ${dispute.status}.`,
    );
  if (deadline.dueAt === null) return refused('DEADLINE_PAUSED', `The ${command.kind} deadline is paused.`);
  if (decision.now.getTime() < Date.parse(deadline.dueAt)) {
    return refused('DEADLINE_NOT_DUE', `The ${command.kind} deadline passes at ${deadline.dueAt}.`);
  }
  switch (command.kind) {
    case 'SELLER_RESPONSE': {
      // AWAITING_SELLER → AGREED: the buyer's proposal as asked, unless the buyer's own offer has expired.
      const proposal = dispute.currentBuyerProposal;
      if (!proposal) return refused('PROPOSAL_NOT_FOUND', 'There is no buyer proposal to accept.');
      if (isExpired(proposal, decision.now)) {
        return refused(
          'PROPOSAL_EXPIRED',
          `The buyer's proposal expired at ${proposal.expiresAt}; it cannot be accepted automatically.`,
        );
      }
      decision.emit('dispute.auto_accepted', {
        agreement: agreementOf(decision, proposal, 'PLATFORM', true, false),
        deadline: { kind: 'SELLER_RESPONSE', dueAt: deadline.dueAt },
        deadlines: [],
      });
      settleAgreement(decision);
      return null;
    }
    case 'PLATFORM_INTERVENTION':
      escalate(decision, 'PLATFORM', 'INTERVENTION_DEADLINE');
      return null;
    case 'RETURN_SHIPMENT':
      // The buyer never shipped the return: funds released to the seller.
      decision.emit('dispute.resolved', {
        resolution: {
          cause: 'RETURN_SHIPMENT_DEADLINE',
          outcome: 'SELLER_FAVOUR',
          refund: zero(dispute.paid),
          inFavourOf: 'SELLER',
          at: decision.at,
        },
        deadlines: [],
      });
      return null;
    case 'RETURN_RECEIPT':
      resolveReturnRefunded(decision, 'RETURN_RECEIPT_DEADLINE');
      return null;
    default:
      return refused('DEADLINE_NOT_ACTIVE', `"${String(command.kind)}" is not a deadline kind.`);
  }
}

export function resolveReturnRefunded(
  decision: DecisionBuilder,
  cause: 'RETURN_RECEIVED' | 'RETURN_RECEIPT_DEADLINE',
): void {
  const refund = (decision.state.agreement as Agreement).refund;
  decision.emit('dispute.resolved', {
    resolution: {
      cause,
      outcome: 'RETURN_AND_REFUND',
      refund,
      inFavourOf: favourOf(refund, decision.state.paid),
      at: decision.at,
    },
    deadlines: [],
  });
}

export function adjustDeadline(decision: DecisionBuilder, command: AdjustDeadline): Decision | null {
  const dispute = decision.state;
  if (!DEADLINE_REASON_CODES.includes(command.reasonCode)) return refused('INVALID_REASON_CODE');
  const deadline = dispute.deadlines.find((deadline) => deadline.kind === command.kind);
  if (!deadline)
    return refused(
      'DEADLINE_NOT_ACTIVE',
      `No ${String(command.kind)} deadline runs while the dispute is ${dispute.status}.`,
    );
  const nowMs = decision.now.getTime();
  let next: ActiveDeadline;
  switch (command.action) {
    case 'EXTEND': {
      if (deadline.dueAt === null) return refused('DEADLINE_PAUSED', 'Resume a paused deadline before extending it.');
      if (!isInstantString(command.until))
        return refused('INVALID_DEADLINE_ADJUSTMENT', '`until` must be an RFC 3339 instant.');
      const until = Date.parse(command.until);
      if (until <= Date.parse(deadline.dueAt) || until <= nowMs) {
        return refused(
          'INVALID_DEADLINE_ADJUSTMENT',
          `An extension moves the deadline later than ${deadline.dueAt} and now.`,
        );
      }
      next = { kind: command.kind, dueAt: new Date(until).toISOString() };
      break;
    }
    case 'PAUSE': {
      if (deadline.dueAt === null) return refused('INVALID_DEADLINE_ADJUSTMENT', 'The deadline is already paused.');
      const dueMs = Date.parse(deadline.dueAt);
      if (nowMs >= dueMs) return refused('DEADLINE_ALREADY_PASSED', `The deadline passed at ${deadline.dueAt}.`);
      next = { kind: command.kind, dueAt: null, remainingMs: dueMs - nowMs };
      break;
    }
    case 'RESUME': {
      if (deadline.dueAt !== null || deadline.remainingMs === undefined) {
        return refused('INVALID_DEADLINE_ADJUSTMENT', 'Only a paused deadline resumes.');
      }
      next = { kind: command.kind, dueAt: new Date(nowMs + deadline.remainingMs).toISOString() };
      break;
    }
    default:
      return refused('INVALID_DEADLINE_ADJUSTMENT', 'A deadline is extended, paused or resumed.');
  }
  const adjustment = {
    action: command.action,
    reasonCode: command.reasonCode,
    ...(command.note !== undefined ? { note: command.note } : {}),
    at: decision.at,
  };
  const adjusted: ActiveDeadline = { ...next, adjustments: [...(deadline.adjustments ?? []), adjustment] };
  decision.emit('dispute.deadline_adjusted', {
    kind: command.kind,
    previousDueAt: deadline.dueAt,
    dueAt: adjusted.dueAt,
    adjustment,
    deadlines: dispute.deadlines.map((deadline) => (deadline.kind === command.kind ? adjusted : deadline)),
  });
  return null;
}
