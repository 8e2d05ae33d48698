import type { Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import { outboxChannel } from './migrations';
import { messagingMetrics } from './metrics';
import { ensureTopics } from './topic-admin';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** The service's schema: the relay connection's search_path and its NOTIFY channel. */
  schema: string;
  kafka: Kafka;
  batchSize?: number;
  /** Fallback poll when no notification arrives (a lost NOTIFY, a row written by hand). */
  pollIntervalMs?: number;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra?: Record<string, unknown>) => void;
  /** Test seam: runs after Kafka acknowledged a batch and before its rows' removal commits. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
}

interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

/**
 * Publishes committed outbox rows to Kafka (docs/ARCHITECTURE.md rule 2 and its traps):
 * - it claims whatever rows are still in the outbox, never "everything after the last id", so a row that
 *   commits late is still published;
 * - one relay per schema is active at a time (a transaction-scoped advisory lock), so several replicas of
 *   a service never interleave one key's events;
 * - one batch at a time through an idempotent producer with acks=all (kafkajs #1005);
 * - a batch's rows are deleted in the transaction that claimed them, which commits only after Kafka
 *   acknowledged the batch: a crash in between re-publishes the same event ids, which inboxes absorb.
 *   For the same reason that commit need not wait for its WAL flush (synchronous_commit off): losing it
 *   in a database crash only means a redelivery.
 * It runs on one dedicated connection, which also LISTENs for the outbox trigger's NOTIFY.
 */
export class OutboxRelay {
  private producer?: Producer;
  private connection?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY arrived since the current batch began: it may be about rows that batch did not see. */
  private notified = false;
  private readonly knownTopics = new Set<string>();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.connect();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.connection?.end().catch(() => undefined);
    this.connection = undefined;
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  /** Publishes until nothing is pending; returns how many rows it published. */
  async drain(): Promise<number> {
    await this.connect();
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published === 0) return total;
    }
  }

  private async connect(): Promise<void> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
    if (!this.connection) {
      const connection = new Client({
        connectionString: this.options.databaseUrl,
        options: `-c search_path=${this.options.schema} -c synchronous_commit=off`,
      });
      connection.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      connection.on('error', (error) => {
        // The next loop reconnects; until then nothing is claimed, so nothing is lost.
        this.options.log?.('warn', 'outbox relay connection lost', { error: error.message });
        if (this.connection === connection) this.connection = undefined;
      });
      await connection.connect();
      await connection.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
      this.connection = connection;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      this.notified = false;
      try {
        await this.connect();
        published = await this.publishBatch();
      } catch (error) {
        this.options.log?.('error', 'outbox relay batch failed; retrying', { error: (error as Error).message });
        messagingMetrics.outboxFailures.inc();
      }
      // A notification that came while the batch ran (no sleep to wake then) asks for another batch at once.
      if (published < this.batchSize && this.running && !this.notified) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async publishBatch(): Promise<number> {
    const { producer, connection } = this;
    if (!producer || !connection) throw new Error('outbox relay not connected');
    await connection.query('BEGIN');
    try {
      const { rows } = await connection.query<OutboxRow>(
        `WITH relay_lock AS (SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked)
         DELETE FROM outbox
         WHERE id IN (
           SELECT id FROM outbox
           WHERE (SELECT locked FROM relay_lock)
           ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING seq, id, topic, message_key, headers, payload`,
        [`settle.outbox.${this.options.schema}`, this.batchSize],
      );
      if (rows.length === 0) {
        await connection.query('COMMIT');
        return 0;
      }
      rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
      await this.ensureTopicsOf(rows);
      const stopTimer = messagingMetrics.outboxPublishSeconds.startTimer();
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
      stopTimer();
      await this.options.afterPublish?.(rows.map((row) => row.id));
      await connection.query('COMMIT');
      messagingMetrics.outboxPublished.inc(rows.length);
      return rows.length;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Topics are created on first use (with their DLQ), so a new topic never stalls the relay. */
  private async ensureTopicsOf(rows: OutboxRow[]): Promise<void> {
    const unknown = [...new Set(rows.map((row) => row.topic))].filter((topic) => !this.knownTopics.has(topic));
    if (unknown.length === 0) return;
    await ensureTopics(this.options.kafka, unknown);
    for (const topic of unknown) this.knownTopics.add(topic);
  }
}

/** Keeps seq order within each topic; kafkajs keeps it within each partition. */
function groupByTopic(rows: OutboxRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
