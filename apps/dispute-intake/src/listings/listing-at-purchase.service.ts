import { Injectable } from '@nestjs/common';
import type { AuditResultDto, ListingAtPurchaseDto, ListingDto } from '@settle/contracts';
import { ListingsRepository } from './listings.repository';

const LISTING_FIELDS: (keyof ListingDto)[] = [
  'listingId',
  'sellerId',
  'category',
  'title',
  'description',
  'images',
  'attributes',
  'saleUnit',
  'skus',
  'shipping',
  'brand',
  'gtin',
];

/** The listing as the buyer saw it when paying, and the audit findings in force then (the listing as evidence). */
@Injectable()
export class ListingAtPurchaseService {
  constructor(private readonly listings: ListingsRepository) {}

  async find(listingId: string, paidAt: string): Promise<ListingAtPurchaseDto | undefined> {
    const at = new Date(paidAt);
    const version = await this.listings.versionAt(listingId, at);
    if (!version) return undefined;
    const audit = await this.listings.auditAt(listingId, version.version, at);
    const listing = Object.fromEntries(
      LISTING_FIELDS.filter((field) => version.listing[field] !== undefined).map((field) => [
        field,
        version.listing[field],
      ]),
    ) as unknown as ListingDto;
    const result: ListingAtPurchaseDto = { listing, listingVersion: version.version };
    if (audit) {
      const { auditId, verdict, score, findings, auditedAt } = audit.result;
      result.audit = { auditId, verdict, score, findings, auditedAt } satisfies AuditResultDto;
    }
    return result;
  }
}
