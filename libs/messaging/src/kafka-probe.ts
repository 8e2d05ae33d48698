import { createKafka } from './kafka';

/**
 * Readiness check for Kafka: a fresh admin connection with short timeouts and no retries, so a stopped
 * broker fails the probe within about a second and a restarted one passes the next probe.
 */
export class KafkaProbe {
  constructor(private readonly brokers: string[]) {}

  async check(timeoutMs = 2_000): Promise<{ brokers: number; controller: number | null }> {
    const admin = createKafka({
      brokers: this.brokers,
      clientId: 'settle-readiness',
      connectionTimeoutMs: timeoutMs,
      requestTimeoutMs: timeoutMs,
      retries: 0,
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
