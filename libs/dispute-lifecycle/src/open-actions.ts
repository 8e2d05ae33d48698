import { isExpired } from './decisions/proposals';
import { type Dispute, isTerminal } from './domain';
import { type Policy, checkBuyerMayEscalate } from './policy';
import { AWAITING_SELLER_STATES } from './transitions';

/** What a party may still do now (the "actions still open" a reminder lists). */
export function openActions(dispute: Dispute, party: 'BUYER' | 'SELLER', now: Date, policy: Policy): string[] {
  if (isTerminal(dispute.status)) return [];
  const actions: string[] = [];
  const other = party === 'BUYER' ? dispute.currentSellerProposal : dispute.currentBuyerProposal;
  const canAccept = other !== null && !isExpired(other, now);
  if (AWAITING_SELLER_STATES.includes(dispute.status)) {
    if (party === 'SELLER') actions.push(...(canAccept ? ['ACCEPT'] : []), 'REJECT_WITH_COUNTER_PROPOSAL');
  } else if (dispute.status === 'NEGOTIATING' || dispute.status === 'ESCALATED') {
    if (canAccept) actions.push('ACCEPT_PROPOSAL');
    actions.push('SUBMIT_PROPOSAL');
  } else if (dispute.status === 'AWAITING_RETURN' && party === 'BUYER') {
    actions.push('SHIP_RETURN');
  } else if (dispute.status === 'RETURN_IN_TRANSIT' && party === 'SELLER') {
    actions.push('CONFIRM_RETURN_RECEIPT');
  }
  if (party === 'BUYER') {
    if (
      (AWAITING_SELLER_STATES.includes(dispute.status) || dispute.status === 'NEGOTIATING') &&
      checkBuyerMayEscalate(dispute, now, policy).ok
    ) {
      actions.push('ESCALATE');
    }
    actions.push('CANCEL');
  }
  return actions;
}
