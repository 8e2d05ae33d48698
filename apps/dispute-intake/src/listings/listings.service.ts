import { Injectable } from '@nestjs/common';
import {
  EventType,
  uuidv7,
  type EventEnvelope,
  type ListingAuditedPayload,
  type ListingFlaggedPayload,
  type ListingUpsertedPayload,
} from '@settle/contracts';
import { dispatch, TransactionRunner, type Transaction, type TransactionWork } from '@settle/messaging';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';
import { ListingsRepository } from './listings.repository';

export const LISTINGS_CONSUMER = 'dispute-intake.listings';

/**
 * The listing projection (settle.listings.events.v1): every version the marketplace published and every audit
 * (listing.audited, and the findings of listing.flagged), so a dispute carries the listing and the audit in force
 * when its order was paid (docs/DOMAIN.md, "The listing as evidence").
 */
@Injectable()
export class ListingsService {
  constructor(
    private readonly listings: ListingsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async apply(envelope: EventEnvelope): Promise<void> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.LISTING_UPSERTED]: (upserted) => (tx) => this.upserted(tx, upserted, envelope.time),
      [EventType.LISTING_AUDITED]: (audit) => (tx) => this.audited(tx, audit),
      [EventType.LISTING_FLAGGED]: (flag) => (tx) => this.flagged(tx, flag),
    });
    if (work) await this.transactions.handleOnce(LISTINGS_CONSUMER, envelope, work);
  }

  private async upserted(tx: Transaction, upserted: ListingUpsertedPayload, receivedAt: string): Promise<void> {
    const { updatedAt, version, status: _status, ...listing } = upserted;
    const row = Object.assign(new ListingVersionEntity(), {
      listingId: listing.listingId,
      version: version ?? (await this.listings.latestVersion(tx, listing.listingId)) + 1,
      sellerId: listing.sellerId,
      validFrom: new Date(updatedAt ?? receivedAt),
      listing,
    });
    await this.listings.insertVersion(tx, row);
  }

  private async audited(tx: Transaction, audit: ListingAuditedPayload): Promise<void> {
    await this.listings.insertAudit(
      tx,
      Object.assign(new ListingAuditEntity(), {
        auditId: audit.auditId,
        listingId: audit.listingId,
        listingVersion: audit.listingVersion ?? null,
        auditedAt: new Date(audit.auditedAt),
        result: {
          auditId: audit.auditId,
          verdict: audit.verdict,
          score: audit.score,
          findings: audit.findings,
          auditedAt: audit.auditedAt,
        },
      }),
    );
  }

  private async flagged(tx: Transaction, flag: ListingFlaggedPayload): Promise<void> {
    // A flag carries the findings that are in force from `flaggedAt` (for DISPUTE_FEEDBACK, new ones).
    const auditId = flag.auditId ?? uuidv7(Date.parse(flag.flaggedAt));
    await this.listings.insertAudit(
      tx,
      Object.assign(new ListingAuditEntity(), {
        auditId,
        listingId: flag.listingId,
        listingVersion: null,
        auditedAt: new Date(flag.flaggedAt),
        result: {
          auditId,
          verdict: flag.verdict,
          score: flag.score,
          findings: flag.findings,
          auditedAt: flag.flaggedAt,
        },
      }),
    );
  }
}
