import type { Admin, Kafka } from 'kafkajs';
import { dlqTopic } from '@settle/contracts';

const METADATA_WAIT_MS = 30_000;

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet, then waits until the
 * broker serves metadata with a leader for every partition of each wanted topic. Safe to call from
 * every service on start: creating an existing topic is a no-op.
 *
 * The wait matters on a freshly formatted broker: `createTopics` may return before the partitions
 * are hosted, and a consumer or producer that asks right then gets "This server does not host this
 * topic-partition".
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
    if (missing.length > 0) {
      await admin.createTopics({
        // kafkajs's own leader wait retries only LEADER_NOT_AVAILABLE and bails on the UNKNOWN_TOPIC_OR_PARTITION a
        // fresh broker answers right after creation; awaitLeaders below retries both.
        waitForLeaders: false,
        // replicationFactor -1: the broker's default.replication.factor (1 on the local node, 3 on a real cluster).
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
      });
    }
    await awaitLeaders(admin, wanted);
  } finally {
    await admin.disconnect();
  }
}

async function awaitLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + METADATA_WAIT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready =
        metadata.length === topics.length &&
        metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0));
      if (ready) return;
      if (Date.now() > deadline)
        throw new Error(`topics have no leader after ${METADATA_WAIT_MS} ms: ${topics.join(', ')}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}
