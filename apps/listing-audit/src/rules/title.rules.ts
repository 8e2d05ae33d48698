import { formatMoney } from '@settle/contracts/money';
import type { AuditConfig } from './config';
import { defineRule, type Rule } from './rule';
import { escapeRegExp } from './text';

/** A good title prevents misunderstanding the product or the shipping cost (docs/DOMAIN.md). */

export const titleTooShort = defineRule(
  {
    id: 'TITLE_TOO_SHORT',
    family: 'title',
    severity: 'WARN',
    field: 'title',
    summary: 'The title is shorter than the category minimum.',
    fix: 'Say what the item is, its main attribute (material, size, colour) and, for a lot, how many pieces.',
  },
  ({ prepared }) => {
    const length = prepared.title.trim().length;
    const min = prepared.category.titleMinLength;
    return length < min ? [{ message: `The title has ${length} characters; at least ${min} are expected.` }] : [];
  },
);

export const titleTooLong = defineRule(
  {
    id: 'TITLE_TOO_LONG',
    family: 'title',
    severity: 'WARN',
    field: 'title',
    summary: 'The title is longer than the category maximum.',
    fix: 'Shorten the title to the product, its key attributes and the sale unit; move the rest to the description.',
  },
  ({ prepared }) => {
    const length = prepared.title.length;
    const max = prepared.category.titleMaxLength;
    return length > max ? [{ message: `The title has ${length} characters; at most ${max} are allowed.` }] : [];
  },
);

const STOPWORDS = new Set(['for', 'and', 'the', 'with', 'of', 'in', 'on', 'to', 'a', 'an', 'de', 'la', 'le', 'el']);

export const titleKeywordStuffing = defineRule(
  {
    id: 'TITLE_KEYWORD_STUFFING',
    family: 'title',
    severity: 'WARN',
    field: 'title',
    summary: 'The title repeats the same keyword to rank.',
    fix: 'Use each keyword once; a title that reads naturally ranks and converts better.',
  },
  ({ prepared, config }) => {
    const counts = new Map<string, number>();
    for (const token of prepared.titleTokens) {
      if (token.length < 3 || STOPWORDS.has(token) || /^\d+$/.test(token)) continue;
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    const repeated = [...counts].filter(([, count]) => count >= config.thresholds.keywordRepeats);
    if (repeated.length === 0) return [];
    return [
      {
        message: `The title repeats ${repeated.map(([word, count]) => `"${word}" ${count} times`).join(', ')}.`,
      },
    ];
  },
);

const brandPatterns = new WeakMap<AuditConfig, { brand: string; pattern: RegExp }[]>();

/** Protected brands, each with a word-boundary pattern (built once per configuration). */
export function brandMatchers(config: AuditConfig): { brand: string; pattern: RegExp }[] {
  let matchers = brandPatterns.get(config);
  if (!matchers) {
    matchers = config.protectedBrands.map((brand) => ({
      brand,
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(brand.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u'),
    }));
    brandPatterns.set(config, matchers);
  }
  return matchers;
}

export const titleMultipleBrands = defineRule(
  {
    id: 'TITLE_MULTIPLE_BRANDS',
    family: 'title',
    severity: 'WARN',
    field: 'title',
    summary: 'The title names several brands.',
    fix: 'Name only the brand of the item itself; for an accessory, write "compatible with <brand>" in the description.',
  },
  ({ prepared, config }) => {
    const title = prepared.title.toLowerCase();
    const named = new Set<string>();
    const compatible = new Set<string>();
    for (const { brand, pattern } of brandMatchers(config)) {
      const match = pattern.exec(title);
      if (!match) continue;
      (inAccessoryContext(title, match.index) ? compatible : named).add(brand);
    }
    const own = prepared.listing.brand;
    if (own && own.toLowerCase() !== 'generic' && title.includes(own.toLowerCase())) named.add(own);
    // One brand an accessory fits ("case for Samsung Galaxy S21") is information; a list of them is stuffing.
    const brands = compatible.size >= 2 ? [...named, ...compatible] : [...named];
    return brands.length >= 2 ? [{ message: `The title names ${brands.length} brands: ${brands.join(', ')}.` }] : [];
  },
);

/** An accessory's title names what it fits after "for", "compatible with", "fits" or "replacement for". */
const ACCESSORY_CONTEXT = /(?:^|[^\p{L}])(?:for|compatible\s+with|fits|replacement\s+for)(?![\p{L}])/u;

/** An accessory named after the phone it fits ("Samsung Galaxy S21 case"), unless the title claims the brand. */
const ACCESSORY_AFTER =
  /(?<![\p{L}])(?:case|cases|cover|covers|protector|film|cable|charger|strap|holder|stand|mount|adapter|skin|sleeve|pouch)(?![\p{L}])/u;
const BRAND_CLAIM = /(?<![\p{L}])(?:original|genuine|authentic|official)(?![\p{L}])/u;

/** Whether the brand at `index` of a (lower-case) title names what an accessory fits, not what it is. */
export function inAccessoryContext(title: string, index: number): boolean {
  if (ACCESSORY_CONTEXT.test(title.slice(0, index))) return true;
  return ACCESSORY_AFTER.test(title.slice(index)) && !BRAND_CLAIM.test(title);
}

const PROMOTIONAL =
  /\b(?:best\s+(?:price|seller|quality|deal)|hot\s+sale|cheapest|limited\s+(?:offer|time)|free\s+gift|buy\s+now|100%\s+(?:original|authentic|genuine)|top\s+seller|wholesale\s+price)\b/i;

export const titleShouting = defineRule(
  {
    id: 'TITLE_SHOUTING',
    family: 'title',
    severity: 'WARN',
    field: 'title',
    summary: 'The title shouts: mostly capitals, repeated exclamation marks or promotional phrases.',
    fix: 'Write the title in sentence case and leave promotions ("best price", "hot sale") out of it.',
  },
  ({ prepared, config }) => {
    const title = prepared.title;
    // Words of four letters or more, without digits, other than the brand: "TV", "4K", "HDR", "USB" and a brand
    // written in capitals are names, not shouting.
    const brand = prepared.listing.brand?.toLowerCase();
    const wordsOnly = (title.match(/[\p{L}\p{N}]+/gu) ?? []).filter(
      (word) => word.length >= 4 && !/\p{N}/u.test(word) && word.toLowerCase() !== brand,
    );
    const capitals = wordsOnly.filter((word) => word === word.toUpperCase());
    const reasons: string[] = [];
    if (capitals.length >= 2 && capitals.length / wordsOnly.length > config.thresholds.shoutingShare) {
      reasons.push(`${capitals.length} of its ${wordsOnly.length} words are in capitals`);
    }
    if (/[!?]{2,}/.test(title) || (title.match(/!/g)?.length ?? 0) >= 2) reasons.push('it repeats exclamation marks');
    const promotion = PROMOTIONAL.exec(title);
    if (promotion) reasons.push(`it says "${promotion[0]}"`);
    return reasons.length > 0 ? [{ message: `The title shouts: ${reasons.join('; ')}.` }] : [];
  },
);

const FREE_SHIPPING = /\bfree\s+(?:shipping|delivery|postage)\b/;
const FAST_DISPATCH = /\b(?:ships?|dispatch(?:ed)?|sent)\s+(?:with)?in\s+(24|48)\s*h(?:ours?)?\b/;

export const titleClaimContradicted = defineRule(
  {
    id: 'TITLE_CLAIM_CONTRADICTED',
    family: 'title',
    severity: 'BLOCK',
    field: 'title',
    summary:
      'The title or description makes a claim the listing contradicts: "free shipping" with a shipping fee, "ships in 24h" with a longer processing time.',
    fix: 'Remove the claim, or make the listing keep it (set the shipping fee to zero, shorten the processing time).',
  },
  ({ prepared }) => {
    const { shipping } = prepared.listing;
    const hits = [];
    if (FREE_SHIPPING.test(prepared.text) && shipping.fee.amountMinor > 0) {
      hits.push({
        field: 'shipping.fee',
        message: `The listing promises free shipping but charges a shipping fee of ${formatMoney(shipping.fee)}.`,
        fix: 'Set the shipping fee to zero, or remove "free shipping" from the title and description.',
      });
    }
    const dispatch = FAST_DISPATCH.exec(prepared.text);
    if (dispatch && shipping.processingDays > Number(dispatch[1]) / 24) {
      hits.push({
        field: 'shipping.processingDays',
        message: `The listing says it ships within ${dispatch[1]} hours but its processing time is ${shipping.processingDays} days.`,
        fix: 'Make the processing time match the promise, or remove the promise.',
      });
    }
    return hits;
  },
);

export const TITLE_RULES: Rule[] = [
  titleTooShort,
  titleTooLong,
  titleKeywordStuffing,
  titleMultipleBrands,
  titleShouting,
  titleClaimContradicted,
];
