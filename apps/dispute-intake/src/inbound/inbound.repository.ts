import { Injectable } from '@nestjs/common';
import { InboundWebhookEntity } from './inbound-webhook.entity';
import type { Transaction } from '@settle/messaging';

/** The ids of accepted inbound webhooks: a replayed `webhook-id` (or event id) finds its row here. */
@Injectable()
export class InboundRepository {
  /** Records the webhook in `tx`; false when its `webhook-id` or event id was accepted before. */
  async remember(tx: Transaction, row: InboundWebhookEntity): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(InboundWebhookEntity)
      .values(row)
      .orIgnore()
      .returning(['webhookId'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }
}
