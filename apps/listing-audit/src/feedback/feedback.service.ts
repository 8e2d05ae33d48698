import { Inject, Injectable } from '@nestjs/common';
import { EventType, type DisputeOpenedPayload, type EventEnvelope } from '@settle/contracts';
import { AUDIT_CONFIG, AuditsService, type StoredAudit } from '../audits/audits.service';
import type { AuditConfig } from '../rules/config';
import type { ImageFacts } from '../rules/types';
import { DisputeSignalEntity } from './dispute-signal.entity';
import { FeedbackRepository } from './feedback.repository';
import { dispatch, TransactionRunner, type Transaction } from '@settle/messaging';

export const DISPUTE_FEEDBACK_CONSUMER = 'listing-audit.dispute-feedback';

/**
 * The dispute feedback loop (docs/DOMAIN.md): each NOT_AS_DESCRIBED dispute opened on a listing is counted; from the
 * threshold on, every new one re-audits the listing with the disputes in view (the findings name the attribute
 * buyers complain of) and flags it.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly repository: FeedbackRepository,
    private readonly audits: AuditsService,
    private readonly transactions: TransactionRunner,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  /** Counts NOT_AS_DESCRIBED `dispute.opened` events per listing; other dispute events do not concern audits. */
  async onDisputeEvent(envelope: EventEnvelope): Promise<void> {
    await dispatch(envelope, {
      [EventType.DISPUTE_OPENED]: async (dispute) => {
        if (dispute.reason !== 'NOT_AS_DESCRIBED') return;
        await this.transactions.handleOnce(DISPUTE_FEEDBACK_CONSUMER, envelope, async (tx) => {
          await this.onDisputeOpened(tx, dispute);
        });
      },
    });
  }

  get threshold(): number {
    return this.config.thresholds.feedbackDisputes;
  }

  /** Undefined when the dispute does not count or the threshold is not reached. */
  async onDisputeOpened(
    tx: Transaction,
    dispute: DisputeOpenedPayload,
    images?: readonly (ImageFacts | undefined)[],
  ): Promise<StoredAudit | undefined> {
    if (dispute.reason !== 'NOT_AS_DESCRIBED') return undefined;
    const signal = Object.assign(new DisputeSignalEntity(), {
      disputeId: dispute.disputeId,
      listingId: dispute.listingId,
      sellerId: dispute.sellerId,
      subReason: dispute.subReason,
      description: dispute.description,
      openedAt: new Date(dispute.openedAt),
    });
    if (!(await this.repository.record(tx, signal))) return undefined;
    const atPurchase = dispute.listingAtPurchase;
    if (atPurchase) {
      await this.audits.rememberVersion(
        tx,
        atPurchase.listing,
        atPurchase.listingVersion,
        new Date(dispute.order.paidAt),
      );
    }
    const signals = await this.repository.forListing(tx, dispute.listingId);
    if (signals.length < this.threshold) return undefined;
    return this.audits.reauditForDisputes(tx, {
      listingId: dispute.listingId,
      disputeId: dispute.disputeId,
      disputes: signals.map(({ disputeId, subReason, description }) => ({ disputeId, subReason, description })),
      images,
    });
  }
}
