import type { components as Negotiation } from '../../api/schema/negotiation';

export type WebhookEventType = Negotiation['schemas']['WebhookEventType'];
export type EndpointView = Negotiation['schemas']['EndpointView'];
export type CreatedEndpoint = Negotiation['schemas']['CreatedEndpointResponse'];
export type RotatedSecret = Negotiation['schemas']['RotatedSecretResponse'];
export type DeliveryView = Negotiation['schemas']['DeliveryView'];

/**
 * What an endpoint may subscribe to, in the order the form lists them: the contract's list (negotiation's
 * WEBHOOK_EVENT_TYPES, published in its OpenAPI as WebhookEventType). `*` is "every event".
 */
export const WEBHOOK_EVENT_TYPES = [
  '*',
  'dispute.opened',
  'deadline.reminder',
  'message.posted',
  'dispute.seller_responded',
  'dispute.proposal_submitted',
  'dispute.agreed',
  'dispute.auto_accepted',
  'dispute.escalated',
  'dispute.ruled',
  'dispute.return_requested',
  'dispute.return_shipped',
  'dispute.return_received',
  'dispute.resolved',
  'dispute.cancelled',
  'dispute.command_rejected',
  'dispute.deadline_adjusted',
  'webhook_endpoint.disabled',
  'supply_incident.settled',
] as const satisfies readonly WebhookEventType[];

// A type the contract adds and this list lacks fails the type check here.
type Unlisted = Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>;
export const EVERY_TYPE_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/**
 * The form's choice of event types after ticking or unticking one: `*` stands alone (choosing it clears the others,
 * choosing another clears it); the order is the list's.
 */
export function toggleEventType(
  chosen: readonly WebhookEventType[],
  type: WebhookEventType,
  on: boolean,
): WebhookEventType[] {
  if (!on) return chosen.filter((item) => item !== type);
  if (type === '*') return ['*'];
  const next = new Set<WebhookEventType>([...chosen.filter((item) => item !== '*'), type]);
  return WEBHOOK_EVENT_TYPES.filter((item) => next.has(item));
}

export type EndpointFormProblem = 'url' | 'eventTypes';

/** The add-endpoint form checked before sending: an absolute http(s) URL and at least one event type. */
export function checkEndpointForm(form: {
  url: string;
  eventTypes: readonly WebhookEventType[];
}): { ok: true; body: { url: string; eventTypes: WebhookEventType[] } } | { ok: false; problem: EndpointFormProblem } {
  const url = form.url.trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return { ok: false, problem: 'url' };
  if (form.eventTypes.length === 0) return { ok: false, problem: 'eventTypes' };
  return { ok: true, body: { url, eventTypes: [...form.eventTypes] } };
}
