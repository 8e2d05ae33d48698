import { Injectable, Logger } from '@nestjs/common';
import { chainHash, EventType, GENESIS_HASH, type EventEnvelope, type MessagePostedPayload } from '@settle/contracts';
import { dispatch, TransactionRunner } from '@settle/messaging';
import { DisputesRepository } from '../disputes/disputes.repository';
import { EvidencePreserver } from '../evidence/evidence-preserver';
import { DisputeMessageEntity } from './dispute-message.entity';
import { MessagesRepository } from './messages.repository';

export const MESSAGES_CONSUMER = 'dispute-intake.messages';

/**
 * Chains each `message.posted` into its dispute's hash chain (docs/DOMAIN.md, "Tamper-evident history": a dispute's
 * events, messages, evidence references and ruling form one chain), in one transaction with its inbox record. The
 * dispute is locked meanwhile, as commands lock it, so events and messages take their places one at a time. A
 * message already chained (the same messageId under another envelope) or about a dispute this service does not know
 * changes nothing.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly messages: MessagesRepository,
    private readonly preserver: EvidencePreserver,
  ) {}

  async apply(envelope: EventEnvelope): Promise<void> {
    await dispatch(envelope, { [EventType.MESSAGE_POSTED]: (message) => this.posted(envelope, message) });
  }

  private async posted(envelope: EventEnvelope, message: MessagePostedPayload): Promise<void> {
    let known = true;
    await this.transactions.handleOnce(MESSAGES_CONSUMER, envelope, async (tx) => {
      if (!(await this.disputes.lock(tx, message.disputeId))) {
        this.logger.warn(`message ${message.messageId} is about dispute ${message.disputeId}, unknown here`);
        known = false;
        return;
      }
      if (await this.messages.isChained(tx, message.messageId)) return;
      const head = await this.disputes.chainHead(tx, message.disputeId);
      const link = {
        disputeId: message.disputeId,
        version: (head?.seq ?? 0) + 1,
        eventId: envelope.id,
        type: envelope.type,
        occurredAt: new Date(message.postedAt).toISOString(),
        data: { ...message },
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      await this.messages.insert(
        tx,
        Object.assign(new DisputeMessageEntity(), {
          disputeId: link.disputeId,
          chainSeq: link.version,
          messageId: message.messageId,
          eventId: link.eventId,
          type: link.type,
          occurredAt: new Date(link.occurredAt),
          data: link.data,
          prevHash: link.prevHash,
          hash: chainHash(link),
        }),
      );
    });
    // Its attachments named by URL, preserved after it (each once: one already recorded is skipped, so a redelivery
    // finishes what a crash cut short).
    if (known && message.attachments?.length) {
      await this.preserver.preserve(message.disputeId, message.author, message.attachments);
    }
  }
}
