import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What travels with one unit of work: an HTTP request, or one consumed message.
 * The correlation id goes HTTP request → outbox row → Kafka headers → consumer → logs.
 */
export interface MessageContext {
  correlationId: string;
  /** Id of the event or request that caused the current work; becomes `causationId` of what it emits. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

export function runWithContext<T>(context: MessageContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): MessageContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}
