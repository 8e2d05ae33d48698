/**
 * The names of every event and command on Settle's topics. Events are `<aggregate>.<past-tense fact>`
 * (docs/CONTRACT.md, "Events"). Commands are `dispute.command.<imperative>`: what the sender asks the dispute's owner
 * (dispute-intake) to do, in snake_case, with the acting party first when the command is one party's
 * (`seller_accept`) and the object last (`accept_proposal`, `mark_return_shipped`).
 */

export const EventType = {
  DISPUTE_OPENED: 'dispute.opened',
  DISPUTE_SELLER_RESPONDED: 'dispute.seller_responded',
  DISPUTE_PROPOSAL_SUBMITTED: 'dispute.proposal_submitted',
  DISPUTE_AGREED: 'dispute.agreed',
  DISPUTE_AUTO_ACCEPTED: 'dispute.auto_accepted',
  DISPUTE_ESCALATED: 'dispute.escalated',
  DISPUTE_RULED: 'dispute.ruled',
  DISPUTE_RETURN_REQUESTED: 'dispute.return_requested',
  DISPUTE_RETURN_SHIPPED: 'dispute.return_shipped',
  DISPUTE_RETURN_RECEIVED: 'dispute.return_received',
  DISPUTE_RESOLVED: 'dispute.resolved',
  DISPUTE_CANCELLED: 'dispute.cancelled',
  DISPUTE_COMMAND_REJECTED: 'dispute.command_rejected',
  DISPUTE_DEADLINE_ADJUSTED: 'dispute.deadline_adjusted',
  EVIDENCE_ADDED: 'evidence.added',
  DEADLINE_SCHEDULED: 'deadline.scheduled',
  DEADLINE_REMINDER: 'deadline.reminder',
  DEADLINE_PASSED: 'deadline.passed',
  LISTING_UPSERTED: 'listing.upserted',
  LISTING_AUDITED: 'listing.audited',
  LISTING_FLAGGED: 'listing.flagged',
  LISTING_SUPPLY_INCIDENT_OPENED: 'listing.supply_incident_opened',
  LISTING_SUPPLY_INCIDENT_UPDATED: 'listing.supply_incident_updated',
  LISTING_SUPPLY_INCIDENT_CLOSED: 'listing.supply_incident_closed',
  MESSAGE_POSTED: 'message.posted',
  ORDER_PAID: 'order.paid',
  ORDER_SHIPPED: 'order.shipped',
  ORDER_DELIVERED: 'order.delivered',
  TRACKING_UPDATED: 'tracking.updated',
  ORDER_BUYER_NOTICE_REQUESTED: 'order.buyer_notice_requested',
  ORDER_REFUND_OFFERED: 'order.refund_offered',
  ORDER_REFUND_ACCEPTED: 'order.refund_accepted',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.values(EventType));

/**
 * The dispute aggregate's events (`settle.disputes.events.v1`, `evidence.added` aside): its opening, every transition,
 * and `dispute.command_rejected`, a notification that moves nothing.
 */
export const DISPUTE_EVENT_TYPES = [
  EventType.DISPUTE_OPENED,
  EventType.DISPUTE_SELLER_RESPONDED,
  EventType.DISPUTE_PROPOSAL_SUBMITTED,
  EventType.DISPUTE_AGREED,
  EventType.DISPUTE_AUTO_ACCEPTED,
  EventType.DISPUTE_ESCALATED,
  EventType.DISPUTE_RULED,
  EventType.DISPUTE_RETURN_REQUESTED,
  EventType.DISPUTE_RETURN_SHIPPED,
  EventType.DISPUTE_RETURN_RECEIVED,
  EventType.DISPUTE_RESOLVED,
  EventType.DISPUTE_CANCELLED,
  EventType.DISPUTE_COMMAND_REJECTED,
  EventType.DISPUTE_DEADLINE_ADJUSTED,
] as const;
export type DisputeEventType = (typeof DISPUTE_EVENT_TYPES)[number];

/** The dispute events that move a dispute to a new version after its opening (each payload a DisputeTransitionPayload). */
export type DisputeTransitionType = Exclude<
  DisputeEventType,
  typeof EventType.DISPUTE_OPENED | typeof EventType.DISPUTE_COMMAND_REJECTED
>;
export const DISPUTE_TRANSITION_TYPES: readonly DisputeTransitionType[] = DISPUTE_EVENT_TYPES.filter(
  (type): type is DisputeTransitionType =>
    type !== EventType.DISPUTE_OPENED && type !== EventType.DISPUTE_COMMAND_REJECTED,
);

export const CommandType = {
  SELLER_ACCEPT: 'dispute.command.seller_accept',
  SELLER_REJECT: 'dispute.command.seller_reject',
  SUBMIT_PROPOSAL: 'dispute.command.submit_proposal',
  ACCEPT_PROPOSAL: 'dispute.command.accept_proposal',
  ESCALATE: 'dispute.command.escalate',
  AUTO_ACCEPT: 'dispute.command.auto_accept',
  MARK_RETURN_SHIPPED: 'dispute.command.mark_return_shipped',
  MARK_RETURN_RECEIVED: 'dispute.command.mark_return_received',
  EXPIRE_RETURN_SHIPMENT: 'dispute.command.expire_return_shipment',
  EXPIRE_RETURN_RECEIPT: 'dispute.command.expire_return_receipt',
  RECORD_RULING: 'dispute.command.record_ruling',
  CANCEL: 'dispute.command.cancel',
  RECORD_DEADLINE_ADJUSTMENT: 'dispute.command.record_deadline_adjustment',
} as const;
export type CommandType = (typeof CommandType)[keyof typeof CommandType];
export const COMMAND_TYPES: readonly CommandType[] = Object.freeze(Object.values(CommandType));

export type MessageType = EventType | CommandType;

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);
}

export function isCommandType(type: unknown): type is CommandType {
  return typeof type === 'string' && (COMMAND_TYPES as readonly string[]).includes(type);
}
