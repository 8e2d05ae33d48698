import { Inject, Injectable } from '@nestjs/common';
import {
  EventType,
  Topics,
  uuidv7,
  type AuditTrigger,
  type ListingAuditedPayload,
  type ListingFlaggedPayload,
} from '@settle/contracts';
import { Outbox, TransactionRunner, type Transaction } from '@settle/messaging';
import { Clock, Conflict, NotFound, type Page, decodeCursor, toPage } from '@settle/platform';
import { createHash } from 'node:crypto';
import type { AuditConfig } from '../rules/config';
import { auditListing } from '../rules/engine';
import type { ActiveSupplyIncident, AuditedListing, DisputeSignal, Finding, ImageFacts } from '../rules/types';
import { SupplyIncidentsRepository } from '../incidents/supply-incidents.repository';
import { AuditsRepository, type ListingSummaryPosition, type ListingSummaryRow } from './audits.repository';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';

export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

export interface AuditRequest {
  listing: AuditedListing;
  trigger: AuditTrigger;
  /** The marketplace's version number, when it sends one; else listing-audit numbers versions itself. */
  version?: number;
  /** From when buyers saw this content. */
  validFrom: Date;
  /** Probe results of the listing's images (taken before the transaction: no network wait holds a lock). */
  images?: readonly (ImageFacts | undefined)[];
}

export interface FeedbackRequest {
  listingId: string;
  disputes: readonly DisputeSignal[];
  /** The dispute whose arrival asked for this re-audit. */
  disputeId: string;
  images?: readonly (ImageFacts | undefined)[];
}

/** An audit as the API and the events show it. */
export interface StoredAudit {
  auditId: string;
  listingId: string;
  sellerId: string;
  listingVersion: number;
  trigger: AuditTrigger;
  verdict: ListingAuditEntity['verdict'];
  score: number;
  findings: Finding[];
  auditedAt: string;
  disputeId?: string;
}

export interface ListingAtInstant {
  listingId: string;
  at: string;
  listingVersion: number;
  validFrom: string;
  listing: AuditedListing;
  /** The audit in force then (the latest of that version made by then), or null when none was. */
  audit: StoredAudit | null;
}

/** A seller's listing at a glance: its latest version and latest audit, and whether (and why) it is flagged. */
export interface ListingSummary {
  listingId: string;
  listingVersion: number;
  title: string;
  category: string;
  saleUnit: AuditedListing['saleUnit'];
  validFrom: string;
  flagged: boolean;
  /** Why it is flagged: its latest audit blocks, or disputes asked for it (null when not flagged). */
  flaggedBy: 'AUDIT_BLOCK' | 'DISPUTE_FEEDBACK' | null;
  audit: StoredAudit | null;
}

export function toListingSummary(row: ListingSummaryRow): ListingSummary {
  const audit: StoredAudit | null =
    row.audit_id && row.trigger && row.verdict && row.audited_at
      ? {
          auditId: row.audit_id,
          listingId: row.listing_id,
          sellerId: row.listing.sellerId,
          listingVersion: row.listing_version ?? row.version,
          trigger: row.trigger,
          verdict: row.verdict,
          score: row.score ?? 0,
          findings: row.findings ?? [],
          auditedAt: new Date(row.audited_at).toISOString(),
          ...(row.dispute_id ? { disputeId: row.dispute_id } : {}),
        }
      : null;
  const flaggedBy =
    audit?.trigger === 'DISPUTE_FEEDBACK' ? 'DISPUTE_FEEDBACK' : audit?.verdict === 'BLOCK' ? 'AUDIT_BLOCK' : null;
  return {
    listingId: row.listing_id,
    listingVersion: row.version,
    title: row.listing.title,
    category: row.listing.category,
    saleUnit: row.listing.saleUnit,
    validFrom: new Date(row.valid_from).toISOString(),
    flagged: flaggedBy !== null,
    flaggedBy,
    audit,
  };
}

/** Stable JSON (keys sorted) so the same listing content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(listing: AuditedListing): string {
  return createHash('sha256').update(canonical(listing)).digest('hex');
}

export function toStoredAudit(entity: ListingAuditEntity): StoredAudit {
  return {
    auditId: entity.id,
    listingId: entity.listingId,
    sellerId: entity.sellerId,
    listingVersion: entity.listingVersion,
    trigger: entity.trigger,
    verdict: entity.verdict,
    score: entity.score,
    findings: entity.findings,
    auditedAt: entity.auditedAt.toISOString(),
    ...(entity.disputeId ? { disputeId: entity.disputeId } : {}),
  };
}

/**
 * Audits listings: keeps every version, runs the rules with what they compare against (the seller's other
 * listings, other listings using the same images, the disputes), stores the audit and announces it
 * (`listing.audited`, and `listing.flagged` when it blocks or disputes asked for it) in one transaction.
 */
@Injectable()
export class AuditsService {
  constructor(
    private readonly repository: AuditsRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly incidents: SupplyIncidentsRepository,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  ownerOf(listingId: string): Promise<string | undefined> {
    return this.repository.ownerOf(listingId);
  }

  /** A new audit of `request.listing`, in its own transaction. */
  audit(request: AuditRequest): Promise<StoredAudit> {
    return this.transactions.run((tx) => this.auditIn(tx, request));
  }

  /** The same, inside the caller's transaction (a Kafka handler's inbox transaction). */
  async auditIn(tx: Transaction, request: AuditRequest): Promise<StoredAudit> {
    const { listing } = request;
    await this.repository.lockListing(tx, listing.listingId);
    const version = await this.resolveVersion(tx, request);
    const audit = await this.runAndStore(tx, version, request.trigger, { images: request.images });
    if (audit.verdict === 'BLOCK') await this.announceFlag(tx, audit, 'AUDIT_BLOCK');
    return audit;
  }

  /**
   * The feedback loop: re-audits the listing's latest version with the NOT_AS_DESCRIBED disputes in the context,
   * and flags it. Undefined when listing-audit has never seen the listing.
   */
  async reauditForDisputes(tx: Transaction, request: FeedbackRequest): Promise<StoredAudit | undefined> {
    await this.repository.lockListing(tx, request.listingId);
    const version = await this.repository.latestVersion(tx, request.listingId);
    if (!version) return undefined;
    const audit = await this.runAndStore(tx, version, 'DISPUTE_FEEDBACK', {
      disputes: request.disputes,
      disputeId: request.disputeId,
      images: request.images,
    });
    await this.announceFlag(
      tx,
      audit,
      'DISPUTE_FEEDBACK',
      request.disputes.map((dispute) => dispute.disputeId),
    );
    return audit;
  }

  /**
   * A supply incident on the listing opened, changed or closed (issue 19): its latest version audited again, so the
   * SUPPLY_INCIDENT_ACTIVE finding appears or goes. Undefined when listing-audit has never seen the listing (its first
   * audit will carry the finding).
   */
  async reauditForSupplyIncident(tx: Transaction, listingId: string): Promise<StoredAudit | undefined> {
    await this.repository.lockListing(tx, listingId);
    const version = await this.repository.latestVersion(tx, listingId);
    if (!version) return undefined;
    const audit = await this.runAndStore(tx, version, 'SUPPLY_INCIDENT', {});
    if (audit.verdict === 'BLOCK') await this.announceFlag(tx, audit, 'AUDIT_BLOCK');
    return audit;
  }

  /** Stores a listing version seen elsewhere (the listing at purchase in a dispute) when Settle has none yet. */
  async rememberVersion(tx: Transaction, listing: AuditedListing, version: number | undefined, validFrom: Date) {
    await this.repository.lockListing(tx, listing.listingId);
    if (await this.repository.latestVersion(tx, listing.listingId)) return;
    await this.resolveVersion(tx, { listing, version, validFrom, trigger: 'DISPUTE_FEEDBACK' });
  }

  async history(listingId: string, limit: number, cursor?: string): Promise<Page<StoredAudit>> {
    const after = cursor ? decodeCursor<{ auditedAt: string; id: string }>(cursor, ['auditedAt', 'id']) : undefined;
    const rows = await this.repository.history(listingId, limit + 1, after);
    return toPage(rows, limit, toStoredAudit, (row) => ({ auditedAt: row.auditedAt.toISOString(), id: row.id }));
  }

  /** The seller's listings with their latest audit, flagged first (`AuditsRepository.sellerListingSummaries`). */
  async sellerListings(sellerId: string, limit: number, cursor?: string): Promise<Page<ListingSummary>> {
    const after = cursor ? decodeCursor<ListingSummaryPosition>(cursor, ['rank', 'score', 'listingId']) : undefined;
    const rows = await this.repository.sellerListingSummaries(sellerId, limit + 1, after);
    return toPage(rows, limit, toListingSummary, (row) => ({
      rank: row.rank,
      score: row.sort_score,
      listingId: row.listing_id,
    }));
  }

  /** The latest version of a listing, audited again now (the seller asks from the console). */
  async latestListing(listingId: string): Promise<AuditedListing> {
    const version = await this.repository.latestVersionNow(listingId);
    if (!version) throw new NotFound('Listing', listingId);
    return version.listing;
  }

  async atInstant(listingId: string, at: Date): Promise<ListingAtInstant> {
    const version = await this.repository.versionAt(listingId, at);
    if (!version) throw new NotFound('Listing version at that instant of listing', listingId);
    const audit = await this.repository.auditAt(listingId, version.version, at);
    return {
      listingId,
      at: at.toISOString(),
      listingVersion: version.version,
      validFrom: version.validFrom.toISOString(),
      listing: version.listing,
      audit: audit ? toStoredAudit(audit) : null,
    };
  }

  /** The version this content is: an existing one (same number, or same content as the latest), or a new one. */
  private async resolveVersion(tx: Transaction, request: AuditRequest): Promise<ListingVersionEntity> {
    const { listing } = request;
    const latest = await this.repository.latestVersion(tx, listing.listingId);
    if (latest && latest.sellerId !== listing.sellerId) {
      throw new Conflict(
        'LISTING_SELLER_MISMATCH',
        `Listing ${listing.listingId} belongs to seller ${latest.sellerId}, not ${listing.sellerId}.`,
      );
    }
    const hash = contentHash(listing);
    if (request.version !== undefined) {
      const existing = await this.repository.versionNumbered(tx, listing.listingId, request.version);
      if (existing) return existing;
    } else if (latest && latest.contentHash === hash) {
      return latest;
    }
    const version = Object.assign(new ListingVersionEntity(), {
      id: uuidv7(),
      listingId: listing.listingId,
      sellerId: listing.sellerId,
      version: request.version ?? (latest?.version ?? 0) + 1,
      listing,
      contentHash: hash,
      validFrom: request.validFrom,
      recordedAt: this.clock.now(),
    });
    await this.repository.insertVersion(tx, version);
    return version;
  }

  private async runAndStore(
    tx: Transaction,
    version: ListingVersionEntity,
    trigger: AuditTrigger,
    extra: { images?: readonly (ImageFacts | undefined)[]; disputes?: readonly DisputeSignal[]; disputeId?: string },
  ): Promise<StoredAudit> {
    const listing = version.listing;
    const [sellerListings, imageUses] = [
      await this.repository.sellerListings(tx, listing.sellerId, listing.listingId, {
        imageUrls: listing.images.map((image) => image.url),
        category: listing.category,
      }),
      await this.repository.imageUses(
        tx,
        listing.images.map((image) => image.url),
        listing.listingId,
      ),
    ];
    // Every audit while an incident is open carries its finding, whatever asked for the audit.
    const supplyIncidents = (await this.incidents.open(tx, listing.listingId)).map(
      (incident): ActiveSupplyIncident => ({
        incidentId: incident.incidentId,
        cause: incident.cause,
        skuIds: incident.skuIds,
        openedAt: incident.openedAt.toISOString(),
        ...(incident.expectedRestockAt ? { expectedRestockAt: incident.expectedRestockAt.toISOString() } : {}),
      }),
    );
    const listedSince = (await this.repository.listedSince(tx, listing.listingId)).toISOString();
    const outcome = auditListing(
      { ...listing, listedSince },
      { sellerListings, imageUses, images: extra.images, disputes: extra.disputes, supplyIncidents },
      this.config,
    );
    const entity = Object.assign(new ListingAuditEntity(), {
      id: uuidv7(),
      listingId: listing.listingId,
      sellerId: listing.sellerId,
      listingVersion: version.version,
      trigger,
      verdict: outcome.verdict,
      score: outcome.score,
      findings: outcome.findings,
      disputeId: extra.disputeId ?? null,
      auditedAt: this.clock.now(),
    });
    await this.repository.insertAudit(tx, entity);
    const audit = toStoredAudit(entity);
    const payload: ListingAuditedPayload = { ...audit };
    await this.outbox.append(tx, [
      {
        topic: Topics.LISTING_EVENTS,
        type: EventType.LISTING_AUDITED,
        subject: listing.listingId,
        sellerId: listing.sellerId,
        aggregateVersion: version.version,
        data: payload,
      },
    ]);
    return audit;
  }

  private async announceFlag(
    tx: Transaction,
    audit: StoredAudit,
    reason: ListingFlaggedPayload['reason'],
    disputeIds?: string[],
  ): Promise<void> {
    const payload: ListingFlaggedPayload = {
      listingId: audit.listingId,
      sellerId: audit.sellerId,
      reason,
      verdict: audit.verdict,
      score: audit.score,
      findings: audit.findings,
      auditId: audit.auditId,
      ...(disputeIds ? { disputeIds } : {}),
      flaggedAt: this.clock.now().toISOString(),
    };
    await this.outbox.append(tx, [
      {
        topic: Topics.LISTING_EVENTS,
        type: EventType.LISTING_FLAGGED,
        subject: audit.listingId,
        sellerId: audit.sellerId,
        aggregateVersion: audit.listingVersion,
        data: payload,
      },
    ]);
  }
}
