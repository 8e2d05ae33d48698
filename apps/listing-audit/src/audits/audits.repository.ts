import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuditedListing, ImageUse } from '../rules/types';
import { ListingAuditEntity } from './listing-audit.entity';
import { ListingVersionEntity } from './listing-version.entity';
import type { Transaction } from '@settle/messaging';

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
   */
  async sellerListings(
    tx: Transaction,
    sellerId: string,
    exceptListingId: string,
    like: { imageUrls: string[]; category: string } = { imageUrls: [], category: '' },
  ): Promise<AuditedListing[]> {
    const category = like.category.toLowerCase();
    const rows = await tx.query<{ listing: AuditedListing }[]>(
      `WITH latest AS (
         SELECT DISTINCT ON (listing_id) listing, recorded_at FROM listing_versions
          WHERE seller_id = $1 AND listing_id <> $2
          ORDER BY listing_id, version DESC)
       SELECT listing FROM latest
        ORDER BY EXISTS (SELECT 1 FROM jsonb_array_elements(listing -> 'images') AS image
                          WHERE image ->> 'url' = ANY ($4::text[])) DESC,
                 lower(listing ->> 'category') = $5 DESC,
                 split_part(lower(listing ->> 'category'), '/', 1) = split_part($5, '/', 1) DESC,
                 recorded_at DESC
        LIMIT $3`,
      [sellerId, exceptListingId, SELLER_LISTINGS_LIMIT, like.imageUrls, category],
    );
    return rows.map((row) => row.listing);
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

  /** The owner of a listing (its latest version's seller), or undefined when Settle has never seen it. */
  async ownerOf(listingId: string): Promise<string | undefined> {
    const version = await this.latestVersion(this.dataSource.manager, listingId);
    return version?.sellerId;
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
