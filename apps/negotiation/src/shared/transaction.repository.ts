import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Inbox } from '@settle/messaging';
import type { EventEnvelope } from '@settle/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** An open Postgres transaction, handed from a service to the repositories that write in it. */
export type Transaction = EntityManager;

/** Transactions and the idempotent inbox: the services' one door to the database's transaction control. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Runs `effects` with the inbox record of `envelope` for `consumer` in one transaction; false for a duplicate. */
  handleOnce(consumer: string, envelope: EventEnvelope, effects: (transaction: Transaction) => Promise<void>) {
    return new Inbox(this.dataSource, consumer).handleOnce(envelope, effects);
  }
}
