import { canonicalAttribute } from './config';
import { defineRule, type Rule } from './rule';
import { jaccard, productWords, tokens, valueWords } from './text';
import type { AuditedListing } from './types';

/** Duplicates of the seller's own listings (docs/DOMAIN.md). */

export const duplicateOfOwnListing = defineRule(
  {
    id: 'DUPLICATE_OF_OWN_LISTING',
    family: 'duplicates',
    severity: 'WARN',
    field: 'title',
    summary:
      "The listing duplicates one of the seller's own active listings (same category, sale unit and product: a near-identical title, or the same main image and attributes).",
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
        attributesAgree(own, other) !== false &&
        (jaccard(productWords(other.title), prepared.productWords) >= config.thresholds.duplicateTitle ||
          sameItem(own, other)),
    );
    if (duplicates.length === 0) return [];
    const names = duplicates
      .slice(0, 3)
      .map((other) => `${other.listingId} ("${other.title}")`)
      .join(', ');
    return [{ message: `The listing duplicates your listing(s) ${names}.` }];
  },
);

function attributeWords(listing: AuditedListing): Map<string, Set<string>> {
  const words = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(listing.attributes)) {
    if (value.trim() === '') continue;
    const canonical = canonicalAttribute(name);
    words.set(canonical, new Set([...(words.get(canonical) ?? []), ...valueWords(value)]));
  }
  return words;
}

/** IDENTIFYING attributes name one product on their own (a model number, the phone a case fits). */
const IDENTIFYING = ['model', 'compatible model'];

/**
 * Whether the attributes both listings give agree: false when one differs (another colour is another listing of a
 * product, not a duplicate), undefined when they give none in common; with the families compared.
 */
function attributesAgree(own: AuditedListing, other: AuditedListing): boolean | undefined {
  const mine = attributeWords(own);
  const theirs = attributeWords(other);
  let compared = 0;
  for (const [name, words] of mine) {
    const their = theirs.get(name);
    if (!their) continue;
    compared += 1;
    if (![...words].some((word) => their.has(word))) return false;
  }
  return compared > 0 ? true : undefined;
}

/**
 * The same item under another title: the attributes agree (material and at least one more), and either the same
 * main image or an identifying attribute (the same model) says so.
 */
function sameItem(own: AuditedListing, other: AuditedListing): boolean {
  if (attributesAgree(own, other) !== true) return false;
  const mine = attributeWords(own);
  const theirs = attributeWords(other);
  const shared = [...mine.keys()].filter((name) => theirs.has(name));
  if (!shared.includes('material') || shared.length < 2) return false;
  const sameMainImage = own.images[0] !== undefined && own.images[0].url === other.images[0]?.url;
  // A model number ("X96 Max", "Redmi 10") identifies; "Type-C devices" does not.
  const identified = IDENTIFYING.some((name) => {
    const [a, b] = [identifying(own, name), identifying(other, name)];
    return a !== undefined && a === b && /\d/.test(a);
  });
  return sameMainImage || identified;
}

function identifying(listing: AuditedListing, name: string): string | undefined {
  const entry = Object.entries(listing.attributes).find(([own]) => canonicalAttribute(own) === name);
  return entry ? tokens(entry[1]).join(' ') : undefined;
}

export const DUPLICATE_RULES: Rule[] = [duplicateOfOwnListing];
