import type { EventEnvelope } from '@settle/contracts';
import type { DataSource } from 'typeorm';
import type { Transaction } from './transactions';

/**
 * The idempotent inbox (docs/ARCHITECTURE.md rule 3): a handler's effects and the id of the event that
 * caused them commit in one transaction, so a redelivered event changes nothing.
 */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    /** One name per logical consumer: two consumers of one event each handle it once. */
    private readonly consumer: string,
  ) {}

  /**
   * Runs `effects` in a transaction unless this consumer already handled the event.
   * Returns false (and does nothing) for a duplicate.
   */
  async handleOnce(envelope: Pick<EventEnvelope, 'id'>, effects: (tx: Transaction) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await claim(tx, this.consumer, envelope.id))) return false;
      await effects(tx);
      return true;
    });
  }
}

/** Records the event id in the caller's transaction; false when it was already there. */
export async function claim(tx: Transaction, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await tx.query<unknown[]>(
    `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventId],
  );
  return inserted.length === 1;
}
