import type { EventEnvelope } from '@settle/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { Inbox } from './inbox';

/**
 * An open Postgres transaction, handed from a service to the repositories that write in it. One type and one name
 * everywhere: a parameter of this type is called `tx`.
 */
export type Transaction = EntityManager;

/** Work that runs inside one transaction. */
export type TransactionWork<T = void> = (tx: Transaction) => Promise<T>;

/**
 * The services' one door to transaction control (docs/ARCHITECTURE.md, rules 2 and 3), provided by PlatformModule to
 * every service that uses Kafka:
 * - `run(work)`: a command handler's state and outgoing events (Outbox.append(tx, ...)) in one transaction;
 * - `handleOnce(consumer, envelope, work)`: a consumer's effects and the inbox record of the event that caused them
 *   in one transaction, so a redelivered event changes nothing.
 */
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: TransactionWork<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Runs `work` with the inbox record of `envelope` for `consumer` (one name per logical consumer: two consumers of
   * one event each handle it once) in one transaction. Returns false, having done nothing, for a duplicate.
   */
  handleOnce(consumer: string, envelope: Pick<EventEnvelope, 'id'>, work: TransactionWork): Promise<boolean> {
    return new Inbox(this.dataSource, consumer).handleOnce(envelope, work);
  }
}
