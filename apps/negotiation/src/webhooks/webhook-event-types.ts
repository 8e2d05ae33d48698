import { EventType } from '@settle/contracts';
import { SUPPLY_INCIDENT_SETTLED_EVENT } from '../supply-incidents/supply-incident';

/**
 * What a seller's endpoint may subscribe to: every dispute event, the deadline reminder, buyer messages, the
 * notice that one of its endpoints was disabled, and that every order of a supply incident is settled; `*` for all.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  '*',
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
  EventType.DEADLINE_REMINDER,
  EventType.MESSAGE_POSTED,
  'webhook_endpoint.disabled',
  SUPPLY_INCIDENT_SETTLED_EVENT,
];
