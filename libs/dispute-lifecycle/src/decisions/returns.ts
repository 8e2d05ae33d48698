/**
 * Returns: the buyer ships, the seller confirms receipt or reports a problem.
 */
import { nonEmpty } from '../checks';
import type { ConfirmReturnReceipt, ShipReturn } from '../commands';
import { type Decision, type DecisionBuilder, refused, wrongState } from '../decision';
import { RETURN_CONDITIONS } from '../domain';
import { resolveReturnRefunded } from './deadlines';
import { escalate } from './escalation';

export function shipReturn(decision: DecisionBuilder, command: ShipReturn): Decision | null {
  const dispute = decision.state;
  if (dispute.status !== 'AWAITING_RETURN')
    return wrongState(dispute, 'The buyer ships the return', ['AWAITING_RETURN']);
  if (!nonEmpty(command.carrier) || !nonEmpty(command.trackingNumber)) return refused('TRACKING_REQUIRED');
  const due = dispute.deadlines.find((deadline) => deadline.kind === 'RETURN_SHIPMENT')?.dueAt;
  if (due && decision.now.getTime() >= Date.parse(due)) {
    return refused('DEADLINE_ALREADY_PASSED', `The return had to be shipped by ${due}; the funds go to the seller.`);
  }
  const returnReceiptDueAt = decision.dueAt('RETURN_RECEIPT');
  decision.emit('dispute.return_shipped', {
    carrier: command.carrier,
    trackingNumber: command.trackingNumber,
    returnReceiptDueAt,
    deadlines: [{ kind: 'RETURN_RECEIPT', dueAt: returnReceiptDueAt }],
  });
  return null;
}

export function confirmReturnReceipt(decision: DecisionBuilder, command: ConfirmReturnReceipt): Decision | null {
  const dispute = decision.state;
  if (dispute.status !== 'RETURN_IN_TRANSIT')
    return wrongState(dispute, 'The seller confirms the return', ['RETURN_IN_TRANSIT']);
  if (!RETURN_CONDITIONS.includes(command.condition)) return refused('INVALID_RETURN_CONDITION');
  const received = {
    condition: command.condition,
    ...(command.note !== undefined ? { note: command.note } : {}),
    deadlines: [],
  };
  if (command.condition === 'AS_EXPECTED') {
    // RETURN_IN_TRANSIT → RESOLVED: the buyer is refunded what was agreed.
    decision.emit('dispute.return_received', received);
    resolveReturnRefunded(decision, 'RETURN_RECEIVED');
    return null;
  }
  const due = dispute.deadlines.find((deadline) => deadline.kind === 'RETURN_RECEIPT')?.dueAt;
  if (due && decision.now.getTime() >= Date.parse(due)) {
    return refused('DEADLINE_ALREADY_PASSED', `A problem with the return had to be reported by ${due}.`);
  }
  // RETURN_IN_TRANSIT → ESCALATED: the seller reports a problem with the return.
  decision.emit('dispute.return_received', received);
  escalate(decision, 'SELLER', 'RETURN_PROBLEM');
  return null;
}
