import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DisputeMessageEntity } from './dispute-message.entity';
import type { Transaction } from '@settle/messaging';

/** The messages chained into their dispute's history (the links themselves; the chain's head is DisputesRepository's). */
@Injectable()
export class MessagesRepository {
  async isChained(tx: Transaction, messageId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM dispute_messages WHERE message_id = $1`, [messageId]);
    return rows.length > 0;
  }

  async insert(tx: Transaction, row: DisputeMessageEntity): Promise<void> {
    await tx.insert(DisputeMessageEntity, row as QueryDeepPartialEntity<DisputeMessageEntity>);
  }
}
