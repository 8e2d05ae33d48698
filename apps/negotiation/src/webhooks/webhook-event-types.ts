import { DISPUTE_EVENT_TYPES, EventType } from '@settle/contracts';
import { SUPPLY_INCIDENT_SETTLED_EVENT } from '../supply-incidents/supply-incident';

/**
 * What a seller's endpoint may subscribe to: every dispute event, the deadline reminder, buyer messages, the
 * notice that one of its endpoints was disabled, and that every order of a supply incident is settled; `*` for all.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  '*',
  ...DISPUTE_EVENT_TYPES,
  EventType.DEADLINE_REMINDER,
  EventType.MESSAGE_POSTED,
  'webhook_endpoint.disabled',
  SUPPLY_INCIDENT_SETTLED_EVENT,
];
