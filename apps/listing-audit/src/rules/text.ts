/** Small text helpers shared by the rules: tokens, number words, similarity. */
import { required } from '@settle/contracts';

const TOKEN = /[\p{L}\p{N}]+(?::[\p{N}]+)?/gu;

export function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  single: 1,
  two: 2,
  pair: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

export const NUMBER_WORD_PATTERN = `\\d{1,7}|${Object.keys(NUMBER_WORDS).join('|')}`;

export function parseCount(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  return NUMBER_WORDS[lower];
}

/** Words that say how a listing is sold, not what it is: left out when comparing products. */
const SALE_WORDS = new Set([
  'lot',
  'lots',
  'of',
  'pcs',
  'pc',
  'piece',
  'pieces',
  'set',
  'pack',
  'per',
  'single',
  'x',
  ...Object.keys(NUMBER_WORDS),
]);

/** The product words of a title: lower-case tokens without numbers and sale-unit words. */
export function productWords(title: string): Set<string> {
  return new Set(tokens(title).filter((token) => token.length > 1 && !SALE_WORDS.has(token) && !/^\d+$/.test(token)));
}

const UNITS = new Set(['cm', 'mm', 'm', 'inch', 'inches', 'in', 'ml', 'l', 'oz', 'g', 'kg', 'x']);

/**
 * The words of an attribute value that name something: no bare numbers, percentages or units ("100% cotton":
 * cotton). A value of measures only ("8 cm", "350ml", "3+") is one word, spaces left out: "8 cm" is "8cm", and
 * "1.5 cm" is not "45 cm".
 */
export function valueWords(value: string): string[] {
  const named = tokens(value).filter((token) => !/^\d+$/.test(token) && !UNITS.has(token));
  if (named.length > 0) return named;
  const measure = value.toLowerCase().replace(/\s+/g, '');
  return measure === '' ? [] : [measure];
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const upper = required(sorted[middle], 'the middle value');
  return sorted.length % 2 === 1 ? upper : (required(sorted[middle - 1], 'the value below the middle') + upper) / 2;
}

/** The first top-level segment of a category path: `jewellery/pendants` → `jewellery`. */
export function topCategory(category: string): string {
  const [top = ''] = category.toLowerCase().split('/');
  return top.trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
