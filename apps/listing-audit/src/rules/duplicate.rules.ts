import { defineRule, type Rule } from './rule';
import { jaccard, productWords } from './text';

/** Duplicates of the seller's own listings (DOMAIN.md). */

export const duplicateOfOwnListing = defineRule(
  {
    id: 'DUPLICATE_OF_OWN_LISTING',
    family: 'duplicates',
    severity: 'WARN',
    field: 'title',
    summary: "The listing duplicates one of the seller's own active listings (same category, sale unit and product).",
    fix: 'Keep one listing per product and sell its versions as variants (SKUs); delist the duplicate.',
  },
  ({ prepared, context, config }) => {
    const own = prepared.listing;
    const duplicates = (context.sellerListings ?? []).filter(
      (other) =>
        other.listingId !== own.listingId &&
        other.sellerId === own.sellerId &&
        other.status !== 'INACTIVE' &&
        other.category === own.category &&
        other.saleUnit.type === own.saleUnit.type &&
        other.saleUnit.piecesPerLot === own.saleUnit.piecesPerLot &&
        jaccard(productWords(other.title), prepared.productWords) >= config.thresholds.duplicateTitle,
    );
    if (duplicates.length === 0) return [];
    const names = duplicates
      .slice(0, 3)
      .map((other) => `${other.listingId} ("${other.title}")`)
      .join(', ');
    return [{ message: `The listing duplicates your listing(s) ${names}.` }];
  },
);

export const DUPLICATE_RULES: Rule[] = [duplicateOfOwnListing];
