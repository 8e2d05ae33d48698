import { formatMoney, type Money } from '@settle/contracts/money';
import { canonicalAttribute, categoryRules, type AuditConfig } from './config';
import { defineRule, type PreparedListing, type Rule, type RuleInput } from './rule';
import { jaccard, median, NUMBER_WORD_PATTERN, parseCount, productWords, topCategory, valueWords } from './text';
import type { AuditedListing, RuleHit } from './types';

/**
 * Sale unit and price (docs/DOMAIN.md, the tassel-pendant case): a listing sold by the lot priced like one piece, or the
 * reverse, caught by comparing the price of one piece with the seller's own listings of the same product (found from
 * what an import carries over: photos, attributes, category; not from the title alone) and with the category's band,
 * and by checking that title, description and sale unit agree.
 */

const N = `(${NUMBER_WORD_PATTERN})`;
const LOT_OF = new RegExp(`\\blots?\\s+of\\s+${N}\\b`, 'g');
const PER_LOT = new RegExp(
  `\\b${N}\\b[^.\\n]{0,40}?\\bper\\s+lot\\b|\\b${N}\\s*(?:pcs|pieces|pc|pairs)?\\s*/\\s*lot\\b`,
  'g',
);
const PIECES = new RegExp(`\\b${N}\\s*(?:pcs|pieces|pc)\\b`, 'g');
const PAIRS = new RegExp(`\\b${N}\\s*pairs?\\b`, 'g');
const SINGLE = /\b(?:single\s+piece|sold\s+(?:individually|by\s+the\s+piece)|1\s*(?:pc|pcs|piece)\b)/;

function counts(text: string, pattern: RegExp): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(pattern)) {
    const count = parseCount(match.slice(1).find((group) => group !== undefined) ?? '');
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
    const contradiction = textContradiction(prepared.listing.saleUnit, prepared.text);
    return contradiction ? [contradiction] : [];
  },
);

/** What the title and description (lower case) say against the sale unit, if anything. */
function textContradiction(saleUnit: AuditedListing['saleUnit'], text: string): RuleHit | undefined {
  const lotSizes = [...counts(text, LOT_OF), ...counts(text, PER_LOT)];
  if (saleUnit.type === 'PIECE') {
    const stated = lotSizes.filter((count) => count >= 2);
    if (stated.length === 0) return undefined;
    return {
      message: `The listing is sold by the piece but its text says "lot of ${stated[0]}".`,
      fix: `Set the sale unit to a lot of ${stated[0]} (and price the whole lot), or remove the lot from the text.`,
    };
  }
  const expected = saleUnit.piecesPerLot ?? 1;
  const stated = [...lotSizes, ...counts(text, PIECES)];
  // A lot of 5 pairs is also 10 pieces ("5 pairs/lot (10 pcs)").
  const pairs = counts(text, PAIRS).includes(expected);
  const wrong = stated.filter((count) => count !== expected && !(pairs && count === 2 * expected));
  if (SINGLE.test(text)) wrong.unshift(1);
  if (wrong.length === 0) return undefined;
  return {
    message: `The listing is sold as ${lotWording(saleUnit)} but its text says ${wrong[0] === 1 ? 'one piece' : `${wrong[0]} pieces`}.`,
  };
}

/** Whether a lot's title says how many pieces it holds ("lot of 10", "10pcs", "set of 3"). */
function lotStatedInTitle(title: string): boolean {
  const lower = title.toLowerCase();
  const stated = [...counts(lower, LOT_OF), ...counts(lower, PIECES), ...counts(lower, PER_LOT)];
  return stated.length > 0 || /\b(?:set|pack)\s+of\b|\b(?:a|one|half\s+a)\s+dozen\b/.test(lower);
}

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
    if (lotStatedInTitle(prepared.title)) return [];
    return [{ message: `The listing is sold as a lot of ${saleUnit.piecesPerLot} but the title does not say so.` }];
  },
);

/** One of the seller's own listings of the same product, with what says so and its price of one piece. */
export interface PieceReference {
  listing: AuditedListing;
  perPiece: number;
  price: Money;
  /** What shows it is the same product: "the same images", "the same material and length", "a similar title". */
  evidence: string[];
}

function listingPrice(listing: AuditedListing, currency: string): number | undefined {
  const amounts = listing.skus.filter((sku) => sku.price.currency === currency).map((sku) => sku.price.amountMinor);
  return median(amounts);
}

function piecesOf(unit: AuditedListing['saleUnit']): number {
  return unit.type === 'LOT' ? (unit.piecesPerLot ?? 1) : 1;
}

/** Attribute values by canonical name, as word sets. */
function attributeWords(listing: AuditedListing): Map<string, Set<string>> {
  const words = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(listing.attributes)) {
    const canonical = canonicalAttribute(name);
    if (value.trim() === '') continue;
    words.set(canonical, new Set([...(words.get(canonical) ?? []), ...valueWords(value)]));
  }
  return words;
}

/**
 * What an import carries over from the listing it was made from: the same images, the same attributes (material
 * first), the same category. A renamed title does not hide it. Undefined when the two are not the same product
 * (another top category, or a material that differs).
 */
function sameProductEvidence(own: PreparedListing, other: AuditedListing, config: AuditConfig): string[] | undefined {
  const listing = own.listing;
  if (topCategory(other.category) !== topCategory(listing.category)) return undefined;
  const mine = attributeWords(listing);
  const theirs = attributeWords(other);
  const agreeing: string[] = [];
  for (const [name, words] of mine) {
    const their = theirs.get(name);
    if (!their) continue;
    const agrees = [...words].some((word) => their.has(word));
    if (!agrees && name === 'material') return undefined;
    if (agrees) agreeing.push(name);
  }
  const urls = new Set(listing.images.map((image) => image.url));
  const sharedImages = other.images.filter((image) => urls.has(image.url)).length;
  const titleSimilarity = jaccard(productWords(other.title), own.productWords);
  const sameCategory = other.category.toLowerCase() === listing.category.toLowerCase();
  let score = 0;
  const evidence: string[] = [];
  if (sharedImages > 0) {
    score += 3;
    evidence.push(sharedImages === 1 ? 'a shared image' : 'the same images');
  }
  if (agreeing.length > 0) {
    // The material weighs most; a colour of its own says little (another colour is still the same product).
    score += agreeing.reduce((total, name) => total + (name === 'material' ? 2 : 1), 0);
    evidence.push(`the same ${agreeing.join(', ')}`);
  }
  if (titleSimilarity >= config.thresholds.similarTitle) {
    score += 2;
    evidence.push('a similar title');
  } else if (titleSimilarity >= config.thresholds.similarTitle / 2) {
    score += 1;
  }
  if (sameCategory) score += 1;
  return score >= 5 ? evidence : undefined;
}

/**
 * The seller's own listings of the same product, in the same currency, with their price of one piece. Found from
 * what an import carries over (images, attributes, category), not from the title alone.
 */
export function similarOwnListings({ prepared, context, config }: RuleInput): PieceReference[] {
  const own = prepared.listing;
  const references: PieceReference[] = [];
  for (const other of context.sellerListings ?? []) {
    if (other.listingId === own.listingId || other.sellerId !== own.sellerId) continue;
    const price = listingPrice(other, prepared.price.currency);
    if (price === undefined || price <= 0) continue;
    const evidence = sameProductEvidence(prepared, other, config);
    if (!evidence) continue;
    references.push({
      listing: other,
      perPiece: price / piecesOf(other.saleUnit),
      price: { amountMinor: Math.round(price), currency: prepared.price.currency },
      evidence,
    });
  }
  return references;
}

/** Whether a price of one piece is outside the category's band (1) or not (0). */
function outsideBand(listing: AuditedListing, perPiece: number, currency: string, config: AuditConfig): number {
  const band = categoryRules(config, listing.category).piecePriceBands[currency];
  return band && (perPiece < band.minMinor || perPiece > band.maxMinor) ? 1 : 0;
}

/**
 * How much a listing's own text says its sale unit is the mistake: a lot whose title does not say so, a text that
 * contradicts the unit.
 */
function textSuspicion(listing: AuditedListing): number {
  let suspicion = 0;
  if (listing.saleUnit.type === 'LOT' && !lotStatedInTitle(listing.title)) suspicion += 1;
  if (textContradiction(listing.saleUnit, `${listing.title}\n${listing.description}`.toLowerCase())) suspicion += 1;
  return suspicion;
}

/** A listing published at least this long after the other of the same product is the copy (an import). */
const LATER_BY_MS = 60 * 60 * 1000;

/** 1 when `mine` was listed well after `theirs` (it is the import), -1 the reverse, 0 when unknown or close. */
function later(mine: AuditedListing, theirs: AuditedListing): number {
  if (!mine.listedSince || !theirs.listedSince) return 0;
  const apart = Date.parse(mine.listedSince) - Date.parse(theirs.listedSince);
  return Math.abs(apart) < LATER_BY_MS ? 0 : Math.sign(apart);
}

/**
 * One listing against one of the same product at a very different price of one piece: whether this one is the
 * mistake. The first of these that tells decides: a price of one piece outside the category's band; the later of the
 * two (an import is made from a listing that already sells, and keeps its price for another unit: the tassel
 * pendant's lot at the single piece's price, or a piece at the lot's); the listing's own text against its unit; the
 * seller's price level for the category (the side farther from it). When none tells, the lot priced like a piece is
 * the mistake (it is the one buyers order and the seller then refuses to ship).
 */
function isTheMistake(input: RuleInput, perPiece: number, other: PieceReference): boolean {
  const { prepared, config } = input;
  const mine = prepared.listing;
  const currency = prepared.price.currency;
  const deciders: (() => number)[] = [
    () => outsideBand(mine, perPiece, currency, config) - outsideBand(other.listing, other.perPiece, currency, config),
    () => later(mine, other.listing),
    () => textSuspicion(mine) - textSuspicion(other.listing),
    () => {
      const level = categoryPriceLevel(input, [other.listing.listingId]);
      if (level === undefined) return 0;
      return Math.sign(Math.abs(Math.log(perPiece / level)) - Math.abs(Math.log(other.perPiece / level)));
    },
  ];
  for (const decide of deciders) {
    const vote = decide();
    if (vote !== 0) return vote > 0;
  }
  return prepared.pieces > piecesOf(other.listing.saleUnit);
}

/**
 * The median price of one piece of the seller's other listings in the same category (its price level), when at
 * least two listings give one; `except` are left out (the listing being compared with).
 */
function categoryPriceLevel({ prepared, context }: RuleInput, except: string[]): number | undefined {
  const own = prepared.listing;
  const prices: number[] = [];
  for (const other of context.sellerListings ?? []) {
    if (other.listingId === own.listingId || except.includes(other.listingId)) continue;
    if (other.sellerId !== own.sellerId || other.category.toLowerCase() !== own.category.toLowerCase()) continue;
    const price = listingPrice(other, prepared.price.currency);
    if (price !== undefined && price > 0) prices.push(price / piecesOf(other.saleUnit));
  }
  return prices.length >= 2 ? median(prices) : undefined;
}

/** Unit prices within this factor of each other are "the same price". */
const SAME_PRICE = 1.25;

const money = (amountMinor: number, currency: string): Money => ({ amountMinor: Math.round(amountMinor), currency });

function describeReference(reference: PieceReference): string {
  const { listing } = reference;
  return `${listing.listingId} ("${listing.title}", ${lotWording(listing.saleUnit)} for ${formatMoney(reference.price)}, ${formatMoney(money(reference.perPiece, reference.price.currency))} a piece; ${reference.evidence.join(', ')})`;
}

export const saleUnitPriceMismatch = defineRule(
  {
    id: 'SALE_UNIT_PRICE_MISMATCH',
    family: 'sale-unit',
    severity: 'BLOCK',
    field: 'saleUnit',
    summary:
      "The price per piece is far from the seller's own listings of the same product (the same images, attributes or category, whatever the title): a lot priced like one piece, or one piece priced like a lot.",
    fix: 'Check the sale unit first; then set the price of the whole unit (a lot of 10 costs about 10 times one piece).',
  },
  (input) => {
    const { prepared, config } = input;
    if (prepared.price.amountMinor <= 0) return [];
    const currency = prepared.price.currency;
    const unit = prepared.listing.saleUnit;
    const perPiece = prepared.price.amountMinor / prepared.pieces;
    const tolerance = config.thresholds.priceRatio;
    const references = similarOwnListings(input);
    // Far apart a piece, or the import's signature: the same price for a unit of another number of pieces (a lot of
    // 3 at the price of one piece is a third of the price a piece, inside the tolerance but still the mistake).
    const within = (reference: PieceReference) => {
      const ratio = perPiece / reference.perPiece;
      if (ratio < 1 / tolerance || ratio > tolerance) return false;
      const unitRatio = prepared.price.amountMinor / reference.price.amountMinor;
      const piecesRatio = prepared.pieces / piecesOf(reference.listing.saleUnit);
      const samePrice = unitRatio >= 1 / SAME_PRICE && unitRatio <= SAME_PRICE;
      return !(samePrice && (piecesRatio >= 2 || piecesRatio <= 0.5));
    };
    const agreeing = references.filter(within);
    const disagreeing = references.filter((reference) => !within(reference));
    // Another listing of the same product at this price keeps this one company: the odd one out is elsewhere.
    if (disagreeing.length === 0 || agreeing.length >= disagreeing.length) return [];
    const [other] = disagreeing;
    if (other && disagreeing.length === 1 && !isTheMistake(input, perPiece, other)) return [];
    const reference = median(disagreeing.map((entry) => entry.perPiece))!;
    const ratio = perPiece / reference;
    const price = formatMoney(prepared.price);
    const examples = disagreeing.slice(0, 3).map(describeReference).join('; ');
    const perPieceText = formatMoney(money(perPiece, currency));
    const referenceText = formatMoney(money(reference, currency));
    if (ratio < 1) {
      const message =
        unit.type === 'LOT'
          ? `A lot of ${unit.piecesPerLot} at ${price} costs ${perPieceText} a piece, but your listing of the same product sells one piece for about ${referenceText}: ${examples}. The lot is priced like one piece.`
          : `One piece at ${price} is priced far below your listing of the same product (about ${referenceText} a piece): ${examples}.`;
      return [
        {
          message,
          fix:
            unit.type === 'LOT'
              ? `If you sell one piece, set the sale unit to PIECE; if you sell a lot of ${unit.piecesPerLot}, set the price of the whole lot (about ${formatMoney(money(reference * (unit.piecesPerLot ?? 1), currency))}).`
              : undefined,
        },
      ];
    }
    const lots = disagreeing.filter((entry) => entry.listing.saleUnit.type === 'LOT');
    const message =
      unit.type === 'PIECE' && lots.length > 0
        ? `One piece at ${price} is priced like a lot: your listing of the same product sells a piece for about ${referenceText}: ${examples}.`
        : `At ${perPieceText} a piece, this listing costs ${ratio.toFixed(1)} times your listing of the same product (about ${referenceText} a piece): ${examples}.`;
    return [
      {
        message,
        fix:
          unit.type === 'PIECE' && lots.length > 0
            ? `If you sell a lot, set the sale unit to LOT with its pieces; if you sell one piece, price one piece (about ${referenceText}).`
            : undefined,
      },
    ];
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
