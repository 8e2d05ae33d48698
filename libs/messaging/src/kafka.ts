import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';

export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  /** Shorter timeouts are used by readiness probes so a stopped broker is noticed quickly. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
  log?: (level: KafkaLogLevel, message: string, extra: Record<string, unknown>) => void;
}

const LEVEL_NAMES: Record<number, KafkaLogLevel> = {
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

/**
 * Broker answers kafkajs logs at error and then handles itself, by refreshing metadata, finding the coordinator
 * again or rejoining: a partition's leader or a group's coordinator moved or is still loading (every broker start),
 * a topic just created is not yet hosted, the group is rebalancing. Nothing for an operator to do: debug.
 */
const ROUTINE_ANSWERS = [
  /is not the leader for that topic-partition/,
  /no leader for this topic-partition/,
  /does not host this topic-partition/,
  /coordinator is loading/,
  /group coordinator is not available/,
  /not the correct coordinator/,
  /not the correct controller/,
  /group is rebalancing/,
  /leader epoch in the request is (older|newer)/,
  /high watermark has not caught up/,
  /fetch session (ID was not found|epoch is invalid)/,
  /coordinator is not aware of this member/,
];

/**
 * Trouble kafkajs logs at error while it retries (a broker unreachable or restarting, a consumer rejoining or
 * restarting itself): worth seeing, not yet an operator's problem; if the retries run out, the operation fails and
 * the code that asked logs that (the relay, the consumer's crash), and /health/ready says Kafka is down. Warn.
 */
const RETRIED_TROUBLE = [
  /^Connection error/,
  /^Connection timeout/,
  /^Failed to connect to broker, reconnecting/,
  /^Failed to connect to seed broker, trying another broker/,
  /^Restarting the consumer in/,
  /re-joining the group/,
];

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The level a kafkajs log line is written at here: error only for what an operator must act on. A
 * response line carries the broker's answer in `error`; the rest are told apart by their message.
 */
export function kafkaLogLevel(
  level: KafkaLogLevel,
  message: string,
  extra: Record<string, unknown> = {},
): KafkaLogLevel {
  const answer = typeof extra.error === 'string' ? extra.error : '';
  if (KNOWN_NOTICES.some((notice) => notice.test(message))) return 'debug';
  if (level !== 'error' && level !== 'warn') return level;
  if (ROUTINE_ANSWERS.some((routine) => routine.test(answer) || routine.test(message))) return 'debug';
  if (level === 'error' && RETRIED_TROUBLE.some((trouble) => trouble.test(message))) return 'warn';
  return level;
}

/** The one place a kafkajs client is built (docs/ARCHITECTURE.md: kafkajs stays inside libs/messaging). */
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
        options.log?.(kafkaLogLevel(LEVEL_NAMES[level] ?? 'info', text, extra), text, extra);
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
