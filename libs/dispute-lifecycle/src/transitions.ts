/**
 * The arrows of the lifecycle as data: every (from, event, to) a dispute may take.
 */
import { type DisputeStatus, DISPUTE_STATUSES, isTerminal } from './domain';
import type { StateEventType } from './events';

export const AWAITING_SELLER_STATES: readonly DisputeStatus[] = ['OPENED', 'AWAITING_SELLER'];
/** Non-terminal states: where the buyer may withdraw and a deadline may be adjusted. */
export const OPEN_STATUSES: readonly DisputeStatus[] = DISPUTE_STATUSES.filter((status) => !isTerminal(status));

export interface LifecycleArrow {
  readonly from: DisputeStatus | null;
  readonly event: StateEventType;
  readonly to: DisputeStatus;
}

/** Every (from, event, to) the lifecycle allows; `evolve` refuses anything else. Self-loops record facts. */
export const LIFECYCLE_ARROWS: readonly LifecycleArrow[] = [
  { from: null, event: 'dispute.opened', to: 'AWAITING_SELLER' },
  ...AWAITING_SELLER_STATES.flatMap((from): LifecycleArrow[] => [
    { from, event: 'dispute.seller_responded', to: from },
    { from, event: 'dispute.seller_responded', to: 'NEGOTIATING' },
    { from, event: 'dispute.agreed', to: 'AGREED' },
    { from, event: 'dispute.auto_accepted', to: 'AGREED' },
    { from, event: 'dispute.escalated', to: 'ESCALATED' },
  ]),
  { from: 'NEGOTIATING', event: 'dispute.proposal_submitted', to: 'AWAITING_SELLER' },
  { from: 'NEGOTIATING', event: 'dispute.proposal_submitted', to: 'NEGOTIATING' },
  { from: 'NEGOTIATING', event: 'dispute.agreed', to: 'AGREED' },
  { from: 'NEGOTIATING', event: 'dispute.escalated', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.proposal_submitted', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.agreed', to: 'AGREED' },
  { from: 'ESCALATED', event: 'dispute.ruled', to: 'ESCALATED' },
  { from: 'ESCALATED', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'AGREED', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'AGREED', event: 'dispute.return_requested', to: 'AWAITING_RETURN' },
  { from: 'AWAITING_RETURN', event: 'dispute.return_shipped', to: 'RETURN_IN_TRANSIT' },
  { from: 'AWAITING_RETURN', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.return_received', to: 'RETURN_IN_TRANSIT' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.resolved', to: 'RESOLVED' },
  { from: 'RETURN_IN_TRANSIT', event: 'dispute.escalated', to: 'ESCALATED' },
  ...OPEN_STATUSES.flatMap((from): LifecycleArrow[] => [
    { from, event: 'dispute.cancelled', to: 'CANCELLED' },
    { from, event: 'dispute.deadline_adjusted', to: from },
  ]),
];

const ARROW_KEYS = new Set(LIFECYCLE_ARROWS.map((arrow) => `${arrow.from}|${arrow.event}|${arrow.to}`));
export function isLifecycleArrow(from: DisputeStatus | null, event: StateEventType, to: DisputeStatus): boolean {
  return ARROW_KEYS.has(`${from}|${event}|${to}`);
}
