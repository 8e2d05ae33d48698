import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { required, type AuditTrigger, type AuditVerdict } from '@settle/contracts';
import type { AuditedListing, Finding, ImageUse } from '../rules/types';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';
import type { Transaction } from '@settle/messaging';

/** Where a page of a seller's listings ends (the sort key of its last row). */
export type ListingSummaryPosition = {
  rank: number;
  score: number;
  listingId: string;
};

/** One row of `sellerListingSummaries` (snake_case as Postgres answers; the audit columns null without an audit). */
export interface ListingSummaryRow {
  listing_id: string;
  version: number;
  listing: AuditedListing;
  valid_from: Date;
  audit_id: string | null;
  listing_version: number | null;
  trigger: AuditTrigger | null;
  verdict: AuditVerdict | null;
  score: number | null;
  findings: Finding[] | null;
  dispute_id: string | null;
  audited_at: Date | null;
  rank: number;
  sort_score: number;
}

/** How many of the seller's other listings an audit compares with (sale unit, duplicates). */
const SELLER_LISTINGS_LIMIT = 500;
const IMAGE_USES_LIMIT = 50;

/** Listing versions and audits: the only place this feature touches TypeORM. */
@Injectable()
export class AuditsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Serialises writers of one listing (HTTP and Kafka may audit it at once) until the transaction ends. */
  async lockListing(tx: Transaction, listingId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('listing-audit.listing'), hashtext($1))`, [listingId]);
  }

  latestVersion(tx: Transaction, listingId: string): Promise<ListingVersionEntity | null> {
    return tx.findOne(ListingVersionEntity, { where: { listingId }, order: { version: 'DESC' } });
  }

  versionNumbered(tx: Transaction, listingId: string, version: number): Promise<ListingVersionEntity | null> {
    return tx.findOne(ListingVersionEntity, { where: { listingId, version } });
  }

  async insertVersion(tx: Transaction, version: ListingVersionEntity): Promise<void> {
    await tx.insert(ListingVersionEntity, version);
  }

  async insertAudit(tx: Transaction, audit: ListingAuditEntity): Promise<void> {
    await tx.insert(ListingAuditEntity, audit);
  }

  /**
   * The latest version of each of the seller's other listings, at most SELLER_LISTINGS_LIMIT of them: first those
   * sharing one of `like.imageUrls` (an import keeps its source's photos), then those in `like.category`, then in
   * its top category, newest first. A seller with thousands of listings still has an import's source compared.
   * Each carries `listedSince`, its first version's `validFrom` (which of two listings is the import).
   */
  async sellerListings(
    tx: Transaction,
    sellerId: string,
    exceptListingId: string,
    like: { imageUrls: string[]; category: string } = { imageUrls: [], category: '' },
  ): Promise<AuditedListing[]> {
    const category = like.category.toLowerCase();
    const rows = await tx.query<{ listing: AuditedListing; listed_since: Date }[]>(
      `WITH latest AS (
         SELECT DISTINCT ON (listing_id) listing, recorded_at,
                min(valid_from) OVER (PARTITION BY listing_id) AS listed_since
           FROM listing_versions
          WHERE seller_id = $1 AND listing_id <> $2
          ORDER BY listing_id, version DESC)
       SELECT listing, listed_since FROM latest
        ORDER BY EXISTS (SELECT 1 FROM jsonb_array_elements(listing -> 'images') AS image
                          WHERE image ->> 'url' = ANY ($4::text[])) DESC,
                 lower(listing ->> 'category') = $5 DESC,
                 split_part(lower(listing ->> 'category'), '/', 1) = split_part($5, '/', 1) DESC,
                 recorded_at DESC
        LIMIT $3`,
      [sellerId, exceptListingId, SELLER_LISTINGS_LIMIT, like.imageUrls, category],
    );
    return rows.map((row) => ({ ...row.listing, listedSince: row.listed_since.toISOString() }));
  }

  /** Since when buyers have seen the listing: its first version's `validFrom`. */
  async listedSince(tx: Transaction, listingId: string): Promise<Date> {
    const [row] = await tx.query<{ listed_since: Date | null }[]>(
      `SELECT min(valid_from) AS listed_since FROM listing_versions WHERE listing_id = $1`,
      [listingId],
    );
    return required(row?.listed_since ?? undefined, `a version of listing ${listingId}`);
  }

  /** Other listings whose latest version uses one of these image URLs. */
  async imageUses(tx: Transaction, urls: string[], exceptListingId: string): Promise<ImageUse[]> {
    if (urls.length === 0) return [];
    const rows = await tx.query<{ url: string; listing: AuditedListing }[]>(
      `WITH latest AS (
         SELECT DISTINCT ON (listing_id) listing_id, listing FROM listing_versions
          WHERE listing_id <> $2
            AND (listing -> 'images') @> ANY (SELECT jsonb_build_array(jsonb_build_object('url', url)) FROM unnest($1::text[]) AS url)
          ORDER BY listing_id, version DESC)
       SELECT image ->> 'url' AS url, listing FROM latest, jsonb_array_elements(listing -> 'images') AS image
        WHERE image ->> 'url' = ANY ($1::text[])
        LIMIT $3`,
      [urls, exceptListingId, IMAGE_USES_LIMIT],
    );
    return rows.map(({ url, listing }) => ({
      url,
      listingId: listing.listingId,
      sellerId: listing.sellerId,
      category: listing.category,
      title: listing.title,
      attributes: listing.attributes,
    }));
  }

  /** The latest version, read outside any transaction (the API's reads). */
  latestVersionNow(listingId: string): Promise<ListingVersionEntity | null> {
    return this.latestVersion(this.dataSource.manager, listingId);
  }

  /** The owner of a listing (its latest version's seller), or undefined when Settle has never seen it. */
  async ownerOf(listingId: string): Promise<string | undefined> {
    const version = await this.latestVersionNow(listingId);
    return version?.sellerId;
  }

  /**
   * The seller's listings (latest version) with their latest audit, flagged first (rank 0: the latest audit blocks or
   * was asked for by disputes; 1: warns; 2: passes or none yet), then the lowest score, then the listing id; keyset
   * after `after`.
   */
  async sellerListingSummaries(
    sellerId: string,
    limit: number,
    after?: ListingSummaryPosition,
  ): Promise<ListingSummaryRow[]> {
    return this.dataSource.query<ListingSummaryRow[]>(
      `WITH latest_version AS (
         SELECT DISTINCT ON (listing_id) listing_id, version, listing, valid_from FROM listing_versions
          WHERE seller_id = $1 ORDER BY listing_id, version DESC),
       latest_audit AS (
         SELECT DISTINCT ON (listing_id) * FROM listing_audits
          WHERE seller_id = $1 ORDER BY listing_id, audited_at DESC, id DESC),
       summary AS (
         SELECT v.listing_id, v.version, v.listing, v.valid_from, a.id AS audit_id, a.listing_version, a.trigger,
                a.verdict, a.score, a.findings, a.dispute_id, a.audited_at,
                CASE WHEN a.verdict = 'BLOCK' OR a.trigger = 'DISPUTE_FEEDBACK' THEN 0
                     WHEN a.verdict = 'WARN' THEN 1 ELSE 2 END AS rank,
                coalesce(a.score, 101) AS sort_score
           FROM latest_version v LEFT JOIN latest_audit a USING (listing_id))
       SELECT * FROM summary
        WHERE $3::int IS NULL OR (rank, sort_score, listing_id) > ($3::int, $4::int, $5::text)
        ORDER BY rank, sort_score, listing_id
        LIMIT $2`,
      [sellerId, limit, after?.rank ?? null, after?.score ?? null, after?.listingId ?? null],
    );
  }

  /** Audits newest first, after the cursor position. */
  history(listingId: string, limit: number, after?: { auditedAt: string; id: string }): Promise<ListingAuditEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(ListingAuditEntity, 'audit')
      .where('audit.listing_id = :listingId', { listingId })
      .orderBy('audit.audited_at', 'DESC')
      .addOrderBy('audit.id', 'DESC')
      .limit(limit);
    if (after) {
      query.andWhere('(audit.audited_at, audit.id) < (:auditedAt, :id)', after);
    }
    return query.getMany();
  }

  /** The version buyers saw at `at`: the latest one valid from then or before. */
  versionAt(listingId: string, at: Date): Promise<ListingVersionEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(ListingVersionEntity, 'version')
      .where('version.listing_id = :listingId AND version.valid_from <= :at', { listingId, at })
      .orderBy('version.valid_from', 'DESC')
      .addOrderBy('version.version', 'DESC')
      .getOne();
  }

  /** The latest audit of that version made by `at`. */
  auditAt(listingId: string, version: number, at: Date): Promise<ListingAuditEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(ListingAuditEntity, 'audit')
      .where('audit.listing_id = :listingId AND audit.listing_version = :version AND audit.audited_at <= :at', {
        listingId,
        version,
        at,
      })
      .orderBy('audit.audited_at', 'DESC')
      .addOrderBy('audit.id', 'DESC')
      .getOne();
  }
}
