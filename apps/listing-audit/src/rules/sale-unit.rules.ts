import { formatMoney, type Money } from '@settle/contracts/money';
import { defineRule, type Rule, type RuleInput } from './rule';
import { jaccard, median, NUMBER_WORD_PATTERN, parseCount, productWords, topCategory } from './text';
import type { AuditedListing } from './types';

/**
 * Sale unit and price (DOMAIN.md, the tassel-pendant case): a listing sold by the lot priced like one piece, or the
 * reverse, caught by comparing the unit price with the seller's own similar listings and with the category, and by
 * checking that title, description and sale unit agree.
 */

const N = `(${NUMBER_WORD_PATTERN})`;
const LOT_OF = new RegExp(`\\blots?\\s+of\\s+${N}\\b`, 'g');
const PER_LOT = new RegExp(`\\b${N}\\b[^.\\n]{0,40}?\\bper\\s+lot\\b`, 'g');
const PIECES = new RegExp(`\\b${N}\\s*(?:pcs|pieces|pc)\\b`, 'g');
const SINGLE = /\b(?:single\s+piece|sold\s+(?:individually|by\s+the\s+piece)|1\s*(?:pc|pcs|piece)\b)/;

function counts(text: string, pattern: RegExp): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(pattern)) {
    const count = parseCount(match[1]);
    if (count !== undefined) found.push(count);
  }
  return found;
}

function lotWording(unit: AuditedListing['saleUnit']): string {
  return unit.type === 'LOT' ? `a lot of ${unit.piecesPerLot}` : 'one piece';
}

export const saleUnitTextMismatch = defineRule(
  {
    id: 'SALE_UNIT_TEXT_MISMATCH',
    family: 'sale-unit',
    severity: 'BLOCK',
    field: 'saleUnit',
    summary:
      'The title or description states a quantity the sale unit contradicts ("lot of 10" sold by the piece, "1 piece" sold as a lot of 10).',
    fix: 'Make the sale unit, the title and the description state the same quantity, and price the unit accordingly.',
  },
  ({ prepared }) => {
    const { saleUnit } = prepared.listing;
    const text = prepared.text;
    const lotSizes = [...counts(text, LOT_OF), ...counts(text, PER_LOT)];
    if (saleUnit.type === 'PIECE') {
      const stated = lotSizes.filter((count) => count >= 2);
      if (stated.length === 0) return [];
      return [
        {
          message: `The listing is sold by the piece but its text says "lot of ${stated[0]}".`,
          fix: `Set the sale unit to a lot of ${stated[0]} (and price the whole lot), or remove the lot from the text.`,
        },
      ];
    }
    const expected = saleUnit.piecesPerLot ?? 1;
    const stated = [...lotSizes, ...counts(text, PIECES)];
    const wrong = stated.filter((count) => count !== expected);
    if (SINGLE.test(text)) wrong.unshift(1);
    if (wrong.length === 0) return [];
    return [
      {
        message: `The listing is sold as ${lotWording(saleUnit)} but its text says ${wrong[0] === 1 ? 'one piece' : `${wrong[0]} pieces`}.`,
      },
    ];
  },
);

export const saleUnitNotStated = defineRule(
  {
    id: 'SALE_UNIT_NOT_STATED',
    family: 'sale-unit',
    severity: 'WARN',
    field: 'title',
    summary: 'A listing sold by the lot does not say so in its title.',
    fix: 'Put the lot size in the title ("lot of 10"), so buyers know how many pieces one unit holds.',
  },
  ({ prepared }) => {
    const { saleUnit } = prepared.listing;
    if (saleUnit.type !== 'LOT') return [];
    const title = prepared.title.toLowerCase();
    const stated = [...counts(title, LOT_OF), ...counts(title, PIECES), ...counts(title, PER_LOT)];
    if (stated.length > 0 || /\b(?:set|pack)\s+of\b/.test(title)) return [];
    return [{ message: `The listing is sold as a lot of ${saleUnit.piecesPerLot} but the title does not say so.` }];
  },
);

interface PieceReference {
  listingId: string;
  perPiece: number;
  unit: AuditedListing['saleUnit'];
  price: Money;
}

function listingPrice(listing: AuditedListing, currency: string): number | undefined {
  const amounts = listing.skus.filter((sku) => sku.price.currency === currency).map((sku) => sku.price.amountMinor);
  return median(amounts);
}

/** The seller's own listings of the same product (same top category, similar product words) in the same currency. */
export function similarOwnListings({ prepared, context, config }: RuleInput): PieceReference[] {
  const own = prepared.listing;
  const references: PieceReference[] = [];
  for (const other of context.sellerListings ?? []) {
    if (other.listingId === own.listingId || other.sellerId !== own.sellerId) continue;
    if (topCategory(other.category) !== topCategory(own.category)) continue;
    if (jaccard(productWords(other.title), prepared.productWords) < config.thresholds.similarTitle) continue;
    const price = listingPrice(other, prepared.price.currency);
    if (price === undefined || price <= 0) continue;
    const pieces = other.saleUnit.type === 'LOT' ? (other.saleUnit.piecesPerLot ?? 1) : 1;
    references.push({
      listingId: other.listingId,
      perPiece: price / pieces,
      unit: other.saleUnit,
      price: { amountMinor: Math.round(price), currency: prepared.price.currency },
    });
  }
  return references;
}

export const saleUnitPriceMismatch = defineRule(
  {
    id: 'SALE_UNIT_PRICE_MISMATCH',
    family: 'sale-unit',
    severity: 'BLOCK',
    field: 'saleUnit',
    summary:
      "The price per piece is far from the seller's own similar listings: a lot priced like one piece, or one piece priced like a lot.",
    fix: 'Check the sale unit first; then set the price of the whole unit (a lot of 10 costs about 10 times one piece).',
  },
  (input) => {
    const { prepared, config } = input;
    if (prepared.price.amountMinor <= 0) return [];
    const references = similarOwnListings(input);
    const reference = median(references.map((entry) => entry.perPiece));
    if (reference === undefined) return [];
    const perPiece = prepared.price.amountMinor / prepared.pieces;
    const ratio = perPiece / reference;
    const tolerance = config.thresholds.priceRatio;
    if (ratio >= 1 / tolerance && ratio <= tolerance) return [];
    const unit = prepared.listing.saleUnit;
    const price = formatMoney(prepared.price);
    const examples = references
      .slice(0, 3)
      .map((entry) => `${entry.listingId}: ${lotWording(entry.unit)} for ${formatMoney(entry.price)}`)
      .join('; ');
    const perPieceText = formatMoney({ amountMinor: Math.round(perPiece), currency: prepared.price.currency });
    const referenceText = formatMoney({ amountMinor: Math.round(reference), currency: prepared.price.currency });
    if (ratio < 1 / tolerance) {
      const message =
        unit.type === 'LOT'
          ? `A lot of ${unit.piecesPerLot} at ${price} costs ${perPieceText} a piece, but your similar listings sell one piece for about ${referenceText} (${examples}): the lot is priced like one piece.`
          : `One piece at ${price} is priced far below your similar listings (about ${referenceText} a piece: ${examples}).`;
      return [
        {
          message,
          fix:
            unit.type === 'LOT'
              ? `If you sell one piece, set the sale unit to PIECE; if you sell a lot of ${unit.piecesPerLot}, set the price of the whole lot (about ${formatMoney({ amountMinor: Math.round(reference * (unit.piecesPerLot ?? 1)), currency: prepared.price.currency })}).`
              : undefined,
        },
      ];
    }
    const lots = references.filter((entry) => entry.unit.type === 'LOT');
    const message =
      unit.type === 'PIECE' && lots.length > 0
        ? `One piece at ${price} is priced like a lot: your similar listings sell a piece for about ${referenceText} (${examples}).`
        : `At ${perPieceText} a piece, this listing costs ${ratio.toFixed(1)} times your similar listings (about ${referenceText} a piece: ${examples}).`;
    return [{ message }];
  },
);

export const priceOutsideCategoryBand = defineRule(
  {
    id: 'PRICE_OUTSIDE_CATEGORY_BAND',
    family: 'sale-unit',
    severity: 'WARN',
    field: 'skus.<n>.price',
    summary: "The price of one piece is outside the category's usual range.",
    fix: 'Check the price and the sale unit: a lot costs its pieces together, a piece costs one piece.',
  },
  ({ prepared }) => {
    const band = prepared.category.piecePriceBands[prepared.price.currency];
    if (!band || prepared.price.amountMinor <= 0) return [];
    const perPiece = Math.round(prepared.price.amountMinor / prepared.pieces);
    if (perPiece >= band.minMinor && perPiece <= band.maxMinor) return [];
    const currency = prepared.price.currency;
    const range = `${formatMoney({ amountMinor: band.minMinor, currency })} to ${formatMoney({ amountMinor: band.maxMinor, currency })}`;
    return [
      {
        field: 'skus.0.price',
        message: `One piece costs ${formatMoney({ amountMinor: perPiece, currency })} here; ${prepared.listing.category} usually sells from ${range} a piece.`,
      },
    ];
  },
);

export const SALE_UNIT_RULES: Rule[] = [
  saleUnitPriceMismatch,
  saleUnitTextMismatch,
  saleUnitNotStated,
  priceOutsideCategoryBand,
];
