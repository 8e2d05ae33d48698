import { Inject, Injectable } from '@nestjs/common';
import type { DisputeOpenedPayload } from '@settle/contracts';
import type { EntityManager } from 'typeorm';
import { AUDIT_CONFIG, AuditsService, type StoredAudit } from '../audits/audits.service';
import type { AuditConfig } from '../rules/config';
import type { ImageFacts } from '../rules/types';
import { DisputeSignalEntity } from './dispute-signal.entity';
import { FeedbackRepository } from './feedback.repository';

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
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  get threshold(): number {
    return this.config.thresholds.feedbackDisputes;
  }

  /** Undefined when the dispute does not count or the threshold is not reached. */
  async onDisputeOpened(
    manager: EntityManager,
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
    if (!(await this.repository.record(manager, signal))) return undefined;
    const atPurchase = dispute.listingAtPurchase;
    if (atPurchase) {
      await this.audits.rememberVersion(
        manager,
        atPurchase.listing,
        atPurchase.listingVersion,
        new Date(dispute.order.paidAt),
      );
    }
    const signals = await this.repository.forListing(manager, dispute.listingId);
    if (signals.length < this.threshold) return undefined;
    return this.audits.reauditForDisputes(manager, {
      listingId: dispute.listingId,
      disputeId: dispute.disputeId,
      disputes: signals.map(({ disputeId, subReason, description }) => ({ disputeId, subReason, description })),
      images,
    });
  }
}
