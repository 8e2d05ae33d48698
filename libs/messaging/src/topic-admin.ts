import type { Kafka } from 'kafkajs';
import { dlqTopic } from '@settle/contracts';

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet. Safe to call from every
 * service on start: creating an existing topic is a no-op.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = [
      ...new Set(topics.flatMap((topic) => (topic.endsWith('.dlq') ? [topic] : [topic, dlqTopic(topic)]))),
    ];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      // replicationFactor -1: the broker's default.replication.factor (1 on the local node, 3 on a real cluster).
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
    });
  } finally {
    await admin.disconnect();
  }
}
