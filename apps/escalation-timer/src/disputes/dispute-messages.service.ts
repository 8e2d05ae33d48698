import { Injectable } from '@nestjs/common';
import { EventType, type EventEnvelope } from '@settle/contracts';
import { dispatch, TransactionRunner, type TransactionWork } from '@settle/messaging';
import { DisputesRepository } from './disputes.repository';

export const MESSAGE_EVENTS_CONSUMER = 'escalation-timer.message-events';

/** The parties' messages (settle.messages.events.v1), kept for the predicted ruling; each once, with its inbox record. */
@Injectable()
export class DisputeMessagesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly disputes: DisputesRepository,
  ) {}

  async onMessageEvent(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.MESSAGE_POSTED]: (message) => (tx) => this.disputes.insertMessage(tx, message),
    });
    if (work) await this.transactions.handleOnce(MESSAGE_EVENTS_CONSUMER, envelope, work);
  }
}
