import type { AuditResultDto, ListingAtPurchaseDto, ListingDto } from '@settle/contracts';

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

/**
 * The listing as the buyer saw it when paying, and the audit findings in force then (the listing as evidence), from
 * the version and the audit the projection had in force at the payment (the listing's own fields only).
 */
export function listingAtPurchase(
  version: { version: number; listing: ListingDto },
  audit: AuditResultDto | null,
): ListingAtPurchaseDto {
  const listing = Object.fromEntries(
    LISTING_FIELDS.filter((field) => version.listing[field] !== undefined).map((field) => [
      field,
      version.listing[field],
    ]),
  ) as unknown as ListingDto;
  const result: ListingAtPurchaseDto = { listing, listingVersion: version.version };
  if (audit) {
    const { auditId, verdict, score, findings, auditedAt } = audit;
    result.audit = { auditId, verdict, score, findings, auditedAt } satisfies AuditResultDto;
  }
  return result;
}
