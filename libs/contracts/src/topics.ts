/**
 * Kafka topic base names (docs/CONTRACT.md, "Events"). A deployment prefixes them with KAFKA_TOPIC_PREFIX (empty by
 * default; tests set one per run to isolate themselves). Every topic has a dead-letter twin `<topic>.dlq`.
 */
export const Topics = {
  DISPUTE_EVENTS: 'settle.disputes.events.v1',
  DISPUTE_COMMANDS: 'settle.disputes.commands.v1',
  DEADLINE_EVENTS: 'settle.deadlines.events.v1',
  LISTING_EVENTS: 'settle.listings.events.v1',
  MESSAGE_EVENTS: 'settle.messages.events.v1',
  ORDER_EVENTS: 'settle.orders.events.v1',
} as const;
export type TopicBase = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicBase[] = Object.freeze(Object.values(Topics));

/** The aggregate whose id is each topic's Kafka key (and each envelope's `subject`). */
export const TOPIC_KEY: Readonly<Record<TopicBase, 'disputeId' | 'listingId' | 'orderId'>> = Object.freeze({
  [Topics.DISPUTE_EVENTS]: 'disputeId',
  [Topics.DISPUTE_COMMANDS]: 'disputeId',
  [Topics.DEADLINE_EVENTS]: 'disputeId',
  [Topics.LISTING_EVENTS]: 'listingId',
  [Topics.MESSAGE_EVENTS]: 'disputeId',
  [Topics.ORDER_EVENTS]: 'orderId',
});

export const DLQ_SUFFIX = '.dlq';

/** The topic as this deployment names it: `topicName(Topics.ORDER_EVENTS, 'run42.')` is `run42.settle.orders.events.v1`. */
export function topicName(base: string, prefix: string = process.env.KAFKA_TOPIC_PREFIX ?? ''): string {
  return `${prefix}${base}`;
}

/** Where messages that failed every retry go, with their error. */
export function dlqTopic(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

export function isTopicBase(topic: string): topic is TopicBase {
  return (ALL_TOPICS as readonly string[]).includes(topic);
}
