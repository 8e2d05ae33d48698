import { ContractViolationError, dlqTopic, parseEnvelope, type EventEnvelope } from '@settle/contracts';
import { ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import { CLOUDEVENTS_CONTENT_TYPE, isStructuredCloudEvent, OUTBOX_HEADERS } from './cloudevents';
import { newCorrelationId, runWithContext } from './context';
import { messagingMetrics } from './metrics';
import { ensureTopics } from './topic-admin';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

/** KAFKA_SESSION_TIMEOUT_MS's default: how long a crashed member's partitions wait (the broker's minimum is 6 s). */
export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

export interface SettleKafkaServerOptions {
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  retry?: Partial<RetryPolicy>;
  /** How long the group waits for a heartbeat before it moves the partitions elsewhere. */
  sessionTimeoutMs?: number;
  /** Read each subscribed topic from its start when the group has no committed offset. */
  fromBeginning?: boolean;
}

/**
 * Nest's default RPC exception handling replaces an unknown error by "Internal server error"; this filter
 * hands the original error back to SettleKafkaServer, which retries it and writes its message to the DLQ.
 * For a microservice built without libs/platform (this library's tests): the services need none, since
 * PlatformModule's global ProblemDetailsFilter re-throws every non-HTTP error untouched in the same way.
 */
@Catch()
export class KafkaErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Thrown by a handler for a message that can never succeed: it goes to the DLQ without retries. */
export class PermanentMessageError extends Error {}

/**
 * `@EventPattern(Topics.x, extras)`: `types`, when given, are the only message types the handler reads on its topic;
 * the server skips the others by their event-type header without parsing them (they are committed, not dead-lettered).
 */
export interface HandlerExtras {
  types?: readonly string[];
}

/** What a handler receives: the validated envelope and where it came from. */
export interface ConsumedMessage<T = unknown> {
  envelope: EventEnvelope<T>;
  topic: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
  /** A long handler calls this now and then, so the group does not take its partitions away meanwhile. */
  heartbeat(): Promise<void>;
}

export const DLQ_HEADERS = {
  error: 'dlq-error',
  errorName: 'dlq-error-name',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * Nest's microservice transport for Settle's topics. Handlers are `@EventPattern(Topics.x)` with the base
 * topic name; the deployment prefix is applied here. Each message is:
 * - skipped unparsed when its event-type header names a type its handler does not read (HandlerExtras.types);
 * - parsed and validated as an envelope (a malformed one goes straight to the DLQ);
 * - handled inside its correlation context, with bounded retries and backoff (heartbeating meanwhile);
 * - after the last failed attempt, written to `<topic>.dlq` with the error in headers, then committed;
 * - committed only after the handler (or the DLQ write) finished, so no offset runs ahead of a durable effect.
 * The partition is never blocked for ever and nothing is dropped silently: if even the DLQ write fails,
 * the message is not committed and kafkajs delivers it again.
 */
export class SettleKafkaServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly retry: RetryPolicy;
  private readonly handlers = new Map<string, MessageHandler | null>();

  constructor(private readonly options: SettleKafkaServerOptions) {
    super();
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.consumer = undefined;
    this.producer = undefined;
  }

  on(): never {
    throw new Error('SettleKafkaServer does not expose transport events');
  }

  /** Rebalances this consumer went through (a long handler that forgot to heartbeat causes them). */
  rebalances = 0;

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()].map((pattern) => this.options.topicPrefix + pattern);
    if (topics.length === 0) return;
    const { kafka } = this.options;
    await ensureTopics(kafka, topics);
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    // kafkajs heartbeats between fetches; an idle fetch waits up to maxWaitTimeInMs (5 s by default), which leaves
    // a short session little margin. Waiting no longer than the heartbeat interval keeps at least three heartbeats
    // in every session, so a busy machine does not flap the group; data still returns from a fetch at once.
    const sessionTimeout = this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    const heartbeatInterval = Math.min(3_000, Math.floor(sessionTimeout / 3));
    this.consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout,
      heartbeatInterval,
      maxWaitTimeInMs: heartbeatInterval,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.rebalances += 1;
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({ autoCommit: true, eachMessage: (payload) => this.handleMessage(payload) });
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, message } = payload;
    const pattern = topic.slice(this.options.topicPrefix.length);
    const handler = this.handlerOf(pattern);
    const headers = stringHeaders(message.headers);
    // A handler that reads only some types of its topic (`@EventPattern(topic, { types })`) skips the others by their
    // event-type header, unparsed: a topic shared with other writers (a service's own events on it among them) costs
    // this consumer nothing for the messages it would ignore. Without the header the message is parsed as always.
    const types = (handler?.extras as HandlerExtras | undefined)?.types;
    const type = headers[OUTBOX_HEADERS.eventType];
    if (types && type !== undefined && !types.includes(type)) {
      messagingMetrics.consumed.inc({ topic: pattern, outcome: 'skipped' });
      return;
    }
    const stopTimer = messagingMetrics.handlerSeconds.startTimer({ topic: pattern });

    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(message.value ?? '');
    } catch (error) {
      await this.deadLetter(payload, error, 0);
      return;
    }

    const context = { correlationId: envelope.correlationid ?? newCorrelationId(), causationId: envelope.id };
    await runWithContext(context, async () => {
      let attempt = 0;
      for (;;) {
        attempt += 1;
        try {
          if (handler) {
            const consumed: ConsumedMessage = {
              envelope,
              topic,
              partition: payload.partition,
              offset: message.offset,
              headers,
              heartbeat: () => payload.heartbeat(),
            };
            await lastValueFrom(this.transformToObservable(await handler(consumed)), { defaultValue: undefined });
          }
          messagingMetrics.consumed.inc({ topic: pattern, outcome: attempt === 1 ? 'ok' : 'ok_after_retry' });
          stopTimer();
          return;
        } catch (error) {
          const permanent = error instanceof PermanentMessageError || error instanceof ContractViolationError;
          if (permanent || attempt >= this.retry.attempts) {
            this.logger.error(
              `message ${envelope.id} on ${topic} failed ${attempt} time(s), sent to the DLQ: ${(error as Error).message}`,
            );
            await this.deadLetter(payload, error, attempt);
            stopTimer();
            return;
          }
          this.logger.warn(`message ${envelope.id} on ${topic} failed (attempt ${attempt}); retrying`);
          await this.backoff(attempt, payload);
        }
      }
    });
  }

  /**
   * The handler of a topic, looked up once: Nest's getHandlerByPattern first tries JSON.parse on the pattern, which
   * throws for every plain topic name, a cost per message that an incident's 20,000 messages made visible.
   */
  private handlerOf(pattern: string): MessageHandler | null {
    let handler = this.handlers.get(pattern);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(pattern);
      this.handlers.set(pattern, handler);
    }
    return handler;
  }

  private async backoff(attempt: number, payload: EachMessagePayload): Promise<void> {
    const exponential = Math.min(this.retry.maxBackoffMs, this.retry.initialBackoffMs * 2 ** (attempt - 1));
    const delay = exponential / 2 + Math.random() * (exponential / 2);
    // Sleep in slices and heartbeat between them, so a long backoff never costs the group membership.
    const until = Date.now() + delay;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await payload.heartbeat();
    }
  }

  private async deadLetter(payload: EachMessagePayload, error: unknown, attempts: number): Promise<void> {
    const { topic, partition, message } = payload;
    const failure = error as Error;
    const headers: IHeaders = {
      ...message.headers,
      // A message that parsed as an envelope stays a structured-mode CloudEvent on the DLQ (one mode on every topic).
      ...(attempts > 0 && !isStructuredCloudEvent(message.headers)
        ? { [OUTBOX_HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE }
        : {}),
      [DLQ_HEADERS.error]: truncate(failure.message ?? String(error), 2_000),
      [DLQ_HEADERS.errorName]: failure.name ?? 'Error',
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.originalTopic]: topic,
      [DLQ_HEADERS.originalPartition]: String(partition),
      [DLQ_HEADERS.originalOffset]: message.offset,
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    // If this throws, the offset is not committed and the message comes back: never dropped silently.
    await this.producer!.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    messagingMetrics.consumed.inc({ topic: topic.slice(this.options.topicPrefix.length), outcome: 'dead_lettered' });
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return result;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
