import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventType, Topics, type DisputeOpenedPayload } from '@settle/contracts';
import { Inbox, type ConsumedMessage } from '@settle/messaging';
import type { DataSource } from 'typeorm';
import { FeedbackService } from './feedback.service';

/** Counts NOT_AS_DESCRIBED `dispute.opened` events per listing; other dispute events do not concern audits. */
@Controller()
export class FeedbackConsumer {
  private readonly inbox: Inbox;

  constructor(
    private readonly feedback: FeedbackService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.inbox = new Inbox(dataSource, 'listing-audit.dispute-feedback');
  }

  @EventPattern(Topics.DISPUTE_EVENTS)
  async onDisputeEvent(@Payload() message: ConsumedMessage): Promise<void> {
    const { envelope } = message;
    if (envelope.type !== EventType.DISPUTE_OPENED) return;
    const dispute = envelope.data as DisputeOpenedPayload;
    if (dispute.reason !== 'NOT_AS_DESCRIBED') return;
    await this.inbox.handleOnce(envelope, async (manager) => {
      await this.feedback.onDisputeOpened(manager, dispute);
    });
  }
}
