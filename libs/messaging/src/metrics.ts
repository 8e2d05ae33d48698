import { Counter, Histogram } from 'prom-client';

/** Messaging metrics, registered once in prom-client's default registry (served at /metrics). */
export const messagingMetrics = {
  outboxPublished: new Counter({ name: 'settle_outbox_published_total', help: 'Outbox rows published to Kafka' }),
  outboxFailures: new Counter({ name: 'settle_outbox_failures_total', help: 'Outbox relay batches that failed' }),
  outboxPublishSeconds: new Histogram({
    name: 'settle_outbox_publish_seconds',
    help: 'Time for Kafka to acknowledge one outbox batch',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  consumed: new Counter({
    name: 'settle_messages_consumed_total',
    help: 'Messages handled by consumers, by topic and outcome',
    labelNames: ['topic', 'outcome'],
  }),
  handlerSeconds: new Histogram({
    name: 'settle_message_handler_seconds',
    help: 'Time spent in message handlers, retries included',
    labelNames: ['topic'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
  }),
};
