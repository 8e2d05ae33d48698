import type { Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { outboxChannel } from './migrations';
import { messagingMetrics } from './metrics';
import { ensureTopics } from './topic-admin';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Used for the LISTEN connection; the schema is the connection's search_path. */
  databaseUrl: string;
  schema: string;
  kafka: Kafka;
  batchSize?: number;
  /** Fallback poll when no notification arrives (a lost NOTIFY, a row written by hand). */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then pruned. */
  retentionMs?: number;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra?: Record<string, unknown>) => void;
  /** Test seam: runs after Kafka acknowledged a batch and before the rows are marked published. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

/**
 * Publishes committed outbox rows to Kafka (ARCHITECTURE.md rule 2 and its traps):
 * - it claims unpublished rows (a per-row flag), never "everything after the last id", so a row that
 *   commits late is still published;
 * - one relay per schema is active at a time (a transaction-scoped advisory lock), so several replicas
 *   of a service never interleave one key's events;
 * - one batch at a time through an idempotent producer with acks=all (kafkajs #1005);
 * - a crash between publish and marking re-publishes the same event ids, which consumers' inboxes absorb.
 */
export class OutboxRelay {
  private producer?: Producer;
  private listener?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPrune = 0;
  private readonly knownTopics = new Set<string>();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.connect();
    await this.listen();
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
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
    if (this.producer) return;
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    this.producer = producer;
  }

  private async listen(): Promise<void> {
    const listener = new Client({ connectionString: this.options.databaseUrl });
    listener.on('notification', () => this.wake?.());
    listener.on('error', (error) => {
      // The poll keeps the relay going; the listener is re-established on the next loop.
      this.options.log?.('warn', 'outbox listener lost', { error: error.message });
      this.listener = undefined;
    });
    await listener.connect();
    await listener.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
    this.listener = listener;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        if (!this.listener) await this.listen();
        published = await this.publishBatch();
        await this.pruneIfDue();
      } catch (error) {
        this.options.log?.('error', 'outbox relay batch failed; retrying', { error: (error as Error).message });
        messagingMetrics.outboxFailures.inc();
      }
      if (published < this.batchSize && this.running) await this.sleep(this.pollIntervalMs);
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
    const producer = this.producer;
    if (!producer) throw new Error('outbox relay not started');
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `settle.outbox.${this.options.schema}`,
      ])) as { locked: boolean }[];
      if (!locked) {
        await runner.commitTransaction();
        return 0;
      }
      const rows = (await runner.query(
        `SELECT id, topic, message_key, headers, payload FROM outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      await this.ensureTopicsOf(rows);
      const stopTimer = messagingMetrics.outboxPublishSeconds.startTimer();
      await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
      stopTimer();
      const ids = rows.map((row) => row.id);
      await this.options.afterPublish?.(ids);
      await runner.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      await runner.commitTransaction();
      messagingMetrics.outboxPublished.inc(rows.length);
      return rows.length;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Topics are created on first use (with their DLQ), so a new topic never stalls the relay. */
  private async ensureTopicsOf(rows: OutboxRow[]): Promise<void> {
    const unknown = [...new Set(rows.map((row) => row.topic))].filter((topic) => !this.knownTopics.has(topic));
    if (unknown.length === 0) return;
    await ensureTopics(this.options.kafka, unknown);
    for (const topic of unknown) this.knownTopics.add(topic);
  }

  private async pruneIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - ($1::int * interval '1 millisecond')`,
      [this.retentionMs],
    );
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
