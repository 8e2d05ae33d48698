import { parseEnvelope, type EventEnvelope } from '@settle/contracts';
import { CLOUDEVENTS_CONTENT_TYPE, createKafka, ensureTopics, parseBrokers, type Kafka } from '@settle/messaging';
import type { Consumer, IHeaders, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * A plain Kafka client for tests: produces like any other system would, and records every message of
 * the topics it watches so a test can wait for the one it expects.
 */
export class KafkaTestClient {
  readonly kafka: Kafka;
  readonly received: RecordedMessage[] = [];
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    brokers: string,
    private readonly topicPrefix: string,
  ) {
    this.kafka = createKafka({
      brokers: parseBrokers(brokers),
      clientId: `test-${randomUUID().slice(0, 8)}`,
      retries: 3,
    });
  }

  topic(base: string): string {
    return this.topicPrefix + base;
  }

  async ensureTopics(bases: string[], partitions = 3): Promise<void> {
    await ensureTopics(
      this.kafka,
      bases.map((base) => this.topic(base)),
      partitions,
    );
  }

  async produce(
    base: string,
    messages: { key?: string; value: string | Buffer | null; headers?: IHeaders; partition?: number }[],
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    // Like every producer of Settle's topics: CloudEvents structured mode, unless the test sets its own headers.
    const encoded = messages.map((message) =>
      message.headers ? message : { ...message, headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } },
    );
    await this.producer.send({ topic: this.topic(base), acks: -1, messages: encoded });
  }

  /** Starts recording `bases` (full topic names are prefixed) from their beginning. */
  async watch(bases: string[]): Promise<void> {
    await this.ensureTopics(bases.filter((base) => !base.endsWith('.dlq')));
    this.consumer = this.kafka.consumer({ groupId: `test-watch-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: bases.map((base) => this.topic(base)), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = value.toString();
        }
        this.received.push({
          topic: topic.slice(this.topicPrefix.length),
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers,
        });
      },
    });
  }

  events(base: string): EventEnvelope[] {
    return this.received.filter((message) => message.topic === base).map((message) => parseEnvelope(message.value));
  }

  async waitForMessage(
    base: string,
    predicate: (message: RecordedMessage) => boolean,
    timeoutMs = 20_000,
  ): Promise<RecordedMessage> {
    return eventually(() => this.received.find((message) => message.topic === base && predicate(message)), {
      timeoutMs,
      what: `a message on ${base}`,
    });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}
