import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  /** Shorter timeouts are used by readiness probes so a stopped broker is noticed quickly. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs notices that say nothing about this deployment, logged at debug instead of warn: the partitioner
 * change of kafkajs 2.0 (every producer here is new, keyed by aggregate id), and the bounded retries of the
 * idempotent producer (the relay retries a failed batch itself, with the same event ids).
 */
const KNOWN_NOTICES = [/switched default partitioner/, /Limiting retries for the idempotent producer/];

/** The one place a kafkajs client is built (ARCHITECTURE.md: kafkajs stays inside libs/messaging). */
export function createKafka(options: KafkaConnectionOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { retries: options.retries ?? 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const text = String(message);
        const known = KNOWN_NOTICES.some((notice) => notice.test(text));
        options.log?.(known ? 'debug' : (LEVEL_NAMES[level] ?? 'info'), text, extra);
      },
  };
  return new Kafka(config);
}

export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
