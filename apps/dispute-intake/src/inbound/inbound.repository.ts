import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InboundWebhookEntity } from './inbound-webhook.entity';

/** The ids of accepted inbound webhooks: a replayed `webhook-id` (or event id) finds its row here. */
@Injectable()
export class InboundRepository {
  /** Records the webhook in `tx`; false when its `webhook-id` or event id was accepted before. */
  async remember(tx: EntityManager, row: InboundWebhookEntity): Promise<boolean> {
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
