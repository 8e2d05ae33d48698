import { Injectable } from '@nestjs/common';
import {
  EventType,
  uuidv7,
  type EventEnvelope,
  type ListingAuditedPayload,
  type ListingFlaggedPayload,
  type ListingUpsertedPayload,
} from '@settle/contracts';
import { DisputesRepository } from '../disputes/disputes.repository';
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
    private readonly disputes: DisputesRepository,
  ) {}

  async apply(envelope: EventEnvelope): Promise<void> {
    if (!HANDLED.includes(envelope.type)) return;
    await this.disputes.transaction(async (tx) => {
      if (!(await this.disputes.claim(tx, LISTINGS_CONSUMER, envelope.id))) return;
      switch (envelope.type) {
        case EventType.LISTING_UPSERTED: {
          const { updatedAt, version, status: _status, ...listing } = envelope.data as ListingUpsertedPayload;
          const row = Object.assign(new ListingVersionEntity(), {
            listingId: listing.listingId,
            version: version ?? (await this.listings.latestVersion(tx, listing.listingId)) + 1,
            sellerId: listing.sellerId,
            validFrom: new Date(updatedAt ?? envelope.time),
            listing,
          });
          await this.listings.insertVersion(tx, row);
          return;
        }
        case EventType.LISTING_AUDITED: {
          const audit = envelope.data as ListingAuditedPayload;
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
          return;
        }
        case EventType.LISTING_FLAGGED: {
          const flag = envelope.data as ListingFlaggedPayload;
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
          return;
        }
      }
    });
  }
}

const HANDLED: string[] = [EventType.LISTING_UPSERTED, EventType.LISTING_AUDITED, EventType.LISTING_FLAGGED];
