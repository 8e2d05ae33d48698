import type { ClassConstructor } from 'class-transformer';
import {
  AcceptProposalCommand,
  AutoAcceptCommand,
  CancelCommand,
  EscalateCommand,
  ExpireReturnReceiptCommand,
  ExpireReturnShipmentCommand,
  MarkReturnReceivedCommand,
  MarkReturnShippedCommand,
  RecordDeadlineAdjustmentCommand,
  RecordRulingCommand,
  SellerAcceptCommand,
  SellerRejectCommand,
  SubmitProposalCommand,
} from './commands/dispute.commands';
import { ContractViolationError } from './errors';
import { DeadlinePassedPayload, DeadlineReminderPayload, DeadlineScheduledPayload } from './events/deadline.events';
import {
  DisputeAgreedPayload,
  DisputeAutoAcceptedPayload,
  DisputeCancelledPayload,
  DisputeCommandRejectedPayload,
  DisputeDeadlineAdjustedPayload,
  DisputeEscalatedPayload,
  DisputeOpenedPayload,
  DisputeProposalSubmittedPayload,
  DisputeResolvedPayload,
  DisputeReturnReceivedPayload,
  DisputeReturnRequestedPayload,
  DisputeReturnShippedPayload,
  DisputeRuledPayload,
  DisputeSellerRespondedPayload,
} from './events/dispute.events';
import { EvidenceAddedPayload } from './events/evidence.events';
import { ListingAuditedPayload, ListingFlaggedPayload, ListingUpsertedPayload } from './events/listing.events';
import { MessagePostedPayload } from './events/message.events';
import {
  OrderDeliveredPayload,
  OrderPaidPayload,
  OrderShippedPayload,
  TrackingUpdatedPayload,
} from './events/order.events';
import {
  COMMAND_TYPES,
  DISPUTE_EVENT_TYPES,
  CommandType,
  EVENT_TYPES,
  EventType,
  isCommandType,
  isEventType,
  type MessageType,
} from './message-types';
import {
  BuyerNoticeRequestedPayload,
  RefundAcceptedPayload,
  RefundOfferedPayload,
  SupplyIncidentClosedPayload,
  SupplyIncidentOpenedPayload,
  SupplyIncidentUpdatedPayload,
} from './events/supply-incident.events';
import { TOPIC_KEY, Topics, type TopicBase } from './topics';
import { validateAs, type ValidationResult } from './validation';

export { COMMAND_TYPES, EVENT_TYPES };

/** The payload class of every event type. */
export const EVENT_PAYLOAD_CLASSES = {
  [EventType.DISPUTE_OPENED]: DisputeOpenedPayload,
  [EventType.DISPUTE_SELLER_RESPONDED]: DisputeSellerRespondedPayload,
  [EventType.DISPUTE_PROPOSAL_SUBMITTED]: DisputeProposalSubmittedPayload,
  [EventType.DISPUTE_AGREED]: DisputeAgreedPayload,
  [EventType.DISPUTE_AUTO_ACCEPTED]: DisputeAutoAcceptedPayload,
  [EventType.DISPUTE_ESCALATED]: DisputeEscalatedPayload,
  [EventType.DISPUTE_RULED]: DisputeRuledPayload,
  [EventType.DISPUTE_RETURN_REQUESTED]: DisputeReturnRequestedPayload,
  [EventType.DISPUTE_RETURN_SHIPPED]: DisputeReturnShippedPayload,
  [EventType.DISPUTE_RETURN_RECEIVED]: DisputeReturnReceivedPayload,
  [EventType.DISPUTE_RESOLVED]: DisputeResolvedPayload,
  [EventType.DISPUTE_CANCELLED]: DisputeCancelledPayload,
  [EventType.DISPUTE_COMMAND_REJECTED]: DisputeCommandRejectedPayload,
  [EventType.DISPUTE_DEADLINE_ADJUSTED]: DisputeDeadlineAdjustedPayload,
  [EventType.EVIDENCE_ADDED]: EvidenceAddedPayload,
  [EventType.DEADLINE_SCHEDULED]: DeadlineScheduledPayload,
  [EventType.DEADLINE_REMINDER]: DeadlineReminderPayload,
  [EventType.DEADLINE_PASSED]: DeadlinePassedPayload,
  [EventType.LISTING_UPSERTED]: ListingUpsertedPayload,
  [EventType.LISTING_AUDITED]: ListingAuditedPayload,
  [EventType.LISTING_FLAGGED]: ListingFlaggedPayload,
  [EventType.MESSAGE_POSTED]: MessagePostedPayload,
  [EventType.ORDER_PAID]: OrderPaidPayload,
  [EventType.ORDER_SHIPPED]: OrderShippedPayload,
  [EventType.ORDER_DELIVERED]: OrderDeliveredPayload,
  [EventType.TRACKING_UPDATED]: TrackingUpdatedPayload,
  [EventType.LISTING_SUPPLY_INCIDENT_OPENED]: SupplyIncidentOpenedPayload,
  [EventType.LISTING_SUPPLY_INCIDENT_UPDATED]: SupplyIncidentUpdatedPayload,
  [EventType.LISTING_SUPPLY_INCIDENT_CLOSED]: SupplyIncidentClosedPayload,
  [EventType.ORDER_BUYER_NOTICE_REQUESTED]: BuyerNoticeRequestedPayload,
  [EventType.ORDER_REFUND_OFFERED]: RefundOfferedPayload,
  [EventType.ORDER_REFUND_ACCEPTED]: RefundAcceptedPayload,
} as const satisfies Record<EventType, ClassConstructor<object>>;

/** The payload class of every command type. */
export const COMMAND_PAYLOAD_CLASSES = {
  [CommandType.SELLER_ACCEPT]: SellerAcceptCommand,
  [CommandType.SELLER_REJECT]: SellerRejectCommand,
  [CommandType.SUBMIT_PROPOSAL]: SubmitProposalCommand,
  [CommandType.ACCEPT_PROPOSAL]: AcceptProposalCommand,
  [CommandType.ESCALATE]: EscalateCommand,
  [CommandType.AUTO_ACCEPT]: AutoAcceptCommand,
  [CommandType.MARK_RETURN_SHIPPED]: MarkReturnShippedCommand,
  [CommandType.MARK_RETURN_RECEIVED]: MarkReturnReceivedCommand,
  [CommandType.EXPIRE_RETURN_SHIPMENT]: ExpireReturnShipmentCommand,
  [CommandType.EXPIRE_RETURN_RECEIPT]: ExpireReturnReceiptCommand,
  [CommandType.RECORD_RULING]: RecordRulingCommand,
  [CommandType.CANCEL]: CancelCommand,
  [CommandType.RECORD_DEADLINE_ADJUSTMENT]: RecordDeadlineAdjustmentCommand,
} as const satisfies Record<CommandType, ClassConstructor<object>>;

export const PAYLOAD_CLASSES = { ...EVENT_PAYLOAD_CLASSES, ...COMMAND_PAYLOAD_CLASSES } as const satisfies Record<
  MessageType,
  ClassConstructor<object>
>;

/** The validated payload type of an event or command: `PayloadOf<'dispute.opened'>` is DisputeOpenedPayload. */
export type PayloadOf<T extends MessageType> = InstanceType<(typeof PAYLOAD_CLASSES)[T]>;

/** The topic each event is published on. */
export const EVENT_TOPIC: Readonly<Record<EventType, TopicBase>> = Object.freeze(
  Object.fromEntries(
    EVENT_TYPES.map((type): [EventType, TopicBase] => {
      // A dispute's evidence travels with its other events (keyed by disputeId, in the dispute's order).
      if ((DISPUTE_EVENT_TYPES as readonly EventType[]).includes(type) || type.startsWith('evidence.'))
        return [type, Topics.DISPUTE_EVENTS];
      if (type.startsWith('deadline.')) return [type, Topics.DEADLINE_EVENTS];
      if (type.startsWith('listing.')) return [type, Topics.LISTING_EVENTS];
      if (type.startsWith('message.')) return [type, Topics.MESSAGE_EVENTS];
      return [type, Topics.ORDER_EVENTS]; // order.* and tracking.updated
    }),
  ) as Record<EventType, TopicBase>,
);

/** The topic an event or command travels on (every command goes to the dispute's owner). */
export function topicOf(type: MessageType): TopicBase {
  return isCommandType(type) ? Topics.DISPUTE_COMMANDS : EVENT_TOPIC[type];
}

/** The payload field holding the aggregate id: the envelope's `subject` and the Kafka key. */
export function subjectFieldOf(type: MessageType): 'disputeId' | 'listingId' | 'orderId' {
  return TOPIC_KEY[topicOf(type)];
}

export function isKnownType(type: unknown): type is MessageType {
  return isEventType(type) || isCommandType(type);
}

/**
 * Validates an event or command payload against its class: unknown fields are refused, nested fields are
 * reported by path (`requested.refund.amountMinor`). An unknown type is an error on `type`.
 */
export function validatePayload<T extends MessageType>(type: T, data: unknown): ValidationResult<PayloadOf<T>>;
export function validatePayload(type: string, data: unknown): ValidationResult<object>;
export function validatePayload(type: string, data: unknown): ValidationResult<object> {
  if (!isKnownType(type)) {
    return { ok: false, errors: [{ field: 'type', message: `"${type}" is not a known event or command type` }] };
  }
  return validateAs(PAYLOAD_CLASSES[type] as ClassConstructor<object>, data);
}

/** Like validatePayload, but returns the payload or throws a ContractViolationError. */
export function assertPayload<T extends MessageType>(type: T, data: unknown): PayloadOf<T>;
export function assertPayload(type: string, data: unknown): object;
export function assertPayload(type: string, data: unknown): object {
  const result = validatePayload(type, data);
  if (!result.ok) throw new ContractViolationError(result.errors, `invalid ${type} payload`);
  return result.value;
}
