import {
  isKnownType,
  type EventEnvelope,
  type MessageType,
  type PayloadOf,
  type TypedEnvelope,
} from '@settle/contracts';

/** A handler for one event or command type: it receives that type's payload (validated on receipt) and envelope. */
export type MessageHandler<K extends MessageType, R> = (payload: PayloadOf<K>, envelope: TypedEnvelope<K>) => R;

/**
 * Handlers keyed by the type they are registered for (`{ [EventType.ORDER_PAID]: (paid) => ... }`): each one's
 * payload type follows from its key, so no consumer casts `envelope.data`.
 */
export type MessageHandlers<R> = { readonly [K in MessageType]?: MessageHandler<K, R> };

/** True when `handlers` has a handler for the envelope's type. */
export function handles(envelope: Pick<EventEnvelope, 'type'>, handlers: MessageHandlers<unknown>): boolean {
  return isKnownType(envelope.type) && typeof handlers[envelope.type] === 'function';
}

/**
 * Calls the handler registered for the envelope's type with its payload, and returns what it returns; undefined
 * (calling nothing) for a type `handlers` does not name, which the consumer ignores. The payload was validated against
 * its contract class when the message was received (parseEnvelope), so the handler may rely on its type.
 */
export function dispatch<R>(envelope: EventEnvelope, handlers: MessageHandlers<R>): R | undefined {
  if (!handles(envelope, handlers)) return undefined;
  // The one place the envelope's payload meets its type: the map's key is the envelope's type.
  const handler = handlers[envelope.type as MessageType] as (payload: unknown, envelope: EventEnvelope) => R;
  return handler(envelope.data, envelope);
}

/**
 * One handler registered for several types (spread it into a map): its payload is the union of theirs, so it reads
 * what they share (`...forTypes(DISPUTE_TRANSITION_TYPES, (transition) => transition.version)`).
 */
export function forTypes<K extends MessageType, R>(
  types: readonly K[],
  handler: MessageHandler<K, R>,
): { readonly [P in K]: MessageHandler<P, R> } {
  return Object.fromEntries(types.map((type) => [type, handler])) as unknown as {
    readonly [P in K]: MessageHandler<P, R>;
  };
}
