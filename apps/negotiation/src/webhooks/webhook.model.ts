/** The seller's webhooks as the service works with them: endpoints, deliveries and their attempts. */

export const EndpointStatus = { ACTIVE: 'ACTIVE', DISABLED: 'DISABLED', DELETED: 'DELETED' } as const;
export type EndpointStatus = (typeof EndpointStatus)[keyof typeof EndpointStatus];
export const DeliveryStatus = { PENDING: 'PENDING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

export interface Endpoint {
  id: string;
  sellerId: string;
  url: string;
  eventTypes: string[];
  status: EndpointStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  /** While failing: not tried before this instant, then one delivery at a time until one succeeds. */
  retryAfter: string | null;
  createdAt: string;
}

export interface Delivery {
  id: string;
  endpointId: string;
  sellerId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  payload: string;
  attempt: number;
  failingSince: Date | null;
}

/** A finished attempt and the delivery state it leads to. */
export interface RecordedAttempt {
  deliveryId: string;
  endpointId: string;
  attempt: Attempt & { id: string };
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  completedAt: Date | null;
}

export interface NewDelivery {
  id: string;
  endpointId: string;
  sellerId: string;
  eventId: string;
  eventType: string;
  payload: string;
  nextAttemptAt: Date;
  createdAt: Date;
  replayOf?: string;
}
