import { ATTRIBUTE_VOCABULARIES, canonicalAttribute } from './config';
import { defineRule, type Rule } from './rule';
import { tokens } from './text';

/** Attributes complete and accurate for the category, consistent with title and variants (docs/DOMAIN.md). */

export const attributeRequiredMissing = defineRule(
  {
    id: 'ATTRIBUTE_REQUIRED_MISSING',
    family: 'attributes',
    severity: 'WARN',
    field: 'attributes.<name>',
    summary: 'An attribute the category requires is missing or empty.',
    fix: 'Fill in the attribute with the true value of the item you ship.',
  },
  ({ prepared }) => {
    const { listing } = prepared;
    const filled = (attributes: Record<string, string>) =>
      Object.entries(attributes)
        .filter(([, value]) => value.trim() !== '')
        .map(([name]) => canonicalAttribute(name));
    const present = new Set(filled(listing.attributes));
    if (listing.brand) present.add('brand');
    // An attribute every variant gives (sizes S to XXL as variants) is there for the buyer too.
    if (listing.skus.length > 0) {
      const [first, ...rest] = listing.skus.map((sku) => new Set(filled(sku.attributes)));
      for (const name of first ?? []) if (rest.every((names) => names.has(name))) present.add(name);
    }
    return prepared.category.requiredAttributes
      .filter((required) => !required.split('|').some((name) => present.has(canonicalAttribute(name))))
      .map((required) => {
        const name = required.split('|')[0];
        return {
          field: `attributes.${name}`,
          message: `The category ${listing.category} requires the attribute "${required.split('|').join('" or "')}".`,
          fix: `Add the "${name}" attribute with the true value of the item you ship.`,
        };
      });
  },
);

/**
 * What a text claims, normalised for comparing: "PU/faux/vegan leather" is its own material (not leather), a
 * material followed by "feel", "like" or "touch" is a look, not a claim ("silk feeling satin"), and colour words
 * inside a name ("green tea", "rose gold") are not the item's colour.
 */
function claimedText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(?:pu|faux|vegan|synthetic|artificial|imitation)[\s-]+leather\b/g, ' pu ')
    .replace(/\b(?:[a-z]+)[\s-]+(?:feel|feeling|like|touch|look|style|effect)\b/g, ' ')
    .replace(/\b(?:green|black|white)\s+tea\b|\b(?:white|rose|yellow)\s+gold\b|\bblack\s+friday\b/g, ' ')
    .replace(/\b(?:antique|tibetan)\s+(?:silver|gold)\b|\b(?:silver|gold)[\s-]+(?:tone|colou?r|plated)\b/g, ' ');
}

function vocabularyWords(text: string, vocabulary: readonly string[]): Set<string> {
  const words = new Set(tokens(claimedText(text)));
  return new Set(vocabulary.filter((word) => words.has(word)));
}

const METAL_CLAIM = /\b(?:925|sterling|solid|pure)\s+silver\b|\b(?:\d{1,2}k|solid|pure)\s+gold\b/g;

function normaliseColour(word: string): string {
  return word === 'gray' ? 'grey' : word;
}

export const attributeContradictsTitle = defineRule(
  {
    id: 'ATTRIBUTE_CONTRADICTS_TITLE',
    family: 'attributes',
    severity: 'BLOCK',
    field: 'attributes.<name>',
    summary:
      'The title names a material or colour that the attribute contradicts (title says cotton, material says polyester).',
    fix: 'Make the title and the attribute say the same true value; describe the item you actually ship.',
  },
  ({ prepared }) => {
    const hits = [];
    const colourWords = new Set(
      [prepared.listing.attributes, ...prepared.listing.skus.map((sku) => sku.attributes)].flatMap((attributes) =>
        Object.entries(attributes)
          .filter(([name]) => canonicalAttribute(name) === 'colour')
          .flatMap(([, value]) => tokens(value)),
      ),
    );
    const metalClaims = new Set<string>(
      [...prepared.title.toLowerCase().matchAll(METAL_CLAIM)].map((match) =>
        match[0].includes('silver') ? 'silver' : 'gold',
      ),
    );
    for (const [name, value] of Object.entries(prepared.listing.attributes)) {
      const family = canonicalAttribute(name);
      const vocabulary = ATTRIBUTE_VOCABULARIES[family];
      if (!vocabulary) continue;
      const inAttribute = new Set([...vocabularyWords(value, vocabulary)].map(normaliseColour));
      if (inAttribute.size === 0) continue;
      // "Gold charms" whose colour is gold say the colour, not the metal; "925 sterling silver" claims the metal.
      const inTitle = [...vocabularyWords(prepared.title, vocabulary)]
        .map(normaliseColour)
        .filter((word) => family !== 'material' || !colourWords.has(word) || metalClaims.has(word));
      if (inTitle.length === 0 || inTitle.some((word) => inAttribute.has(word))) continue;
      hits.push({
        field: `attributes.${name}`,
        message: `The title says ${inTitle.join(', ')} but the ${name} attribute says "${value}".`,
      });
    }
    return hits;
  },
);

export const attributeContradictsVariant = defineRule(
  {
    id: 'ATTRIBUTE_CONTRADICTS_VARIANT',
    family: 'attributes',
    severity: 'WARN',
    field: 'skus.<n>.attributes.<name>',
    summary: 'A variant gives an attribute a value the listing-level attribute does not allow.',
    fix: 'List every variant value in the listing attribute (e.g. "red, blue"), or move the attribute to the variants only.',
  },
  ({ prepared }) => {
    const listingValues = new Map(
      Object.entries(prepared.listing.attributes).map(([name, value]) => [
        canonicalAttribute(name),
        { name, value, words: allowedWords(value) },
      ]),
    );
    const hits = [];
    for (const [index, sku] of prepared.listing.skus.entries()) {
      for (const [name, value] of Object.entries(sku.attributes)) {
        const own = listingValues.get(canonicalAttribute(name));
        const allowed = own?.words;
        if (!own || !allowed || allowed === 'any') continue;
        const variantWords = tokens(value);
        if (variantWords.length === 0 || variantWords.every((word) => allowed.has(word))) continue;
        hits.push({
          field: `skus.${index}.attributes.${name}`,
          message: `Variant ${sku.skuId} has ${name} "${value}" but the listing says ${own.name} "${own.value}".`,
        });
      }
    }
    return hits;
  },
);

/** Values that allow every variant: "multicolor", "mixed colors", "as picture", "assorted". */
const ANY_VALUE =
  /\b(?:multi[\s-]?colou?rs?|multicolou?r(?:ed)?|mixed(?:\s+colou?rs?)?|as\s+(?:picture|pictures|shown|photo)|assorted|various|random)\b/i;

const SIZES = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl', '4xl', '5xl', '6xl'];
const SIZE_ALIASES: Record<string, string> = { '2xl': 'xxl', '3xl': 'xxxl' };
const SIZE_RANGE =
  /\b(xxs|xs|s|m|l|xl|xxl|2xl|xxxl|3xl|4xl|5xl|6xl)\s*(?:-|to|~)\s*(xxs|xs|s|m|l|xl|xxl|2xl|xxxl|3xl|4xl|5xl|6xl)\b/gi;

/** The words a listing-level value allows on its variants, sizes ranges spelled out ("S-XXL": s, m, l, xl, xxl). */
function allowedWords(value: string): Set<string> | 'any' {
  if (ANY_VALUE.test(value)) return 'any';
  const words = new Set(tokens(value));
  for (const [, from = '', to = ''] of value.matchAll(SIZE_RANGE)) {
    const start = SIZES.indexOf(SIZE_ALIASES[from.toLowerCase()] ?? from.toLowerCase());
    const end = SIZES.indexOf(SIZE_ALIASES[to.toLowerCase()] ?? to.toLowerCase());
    for (const size of SIZES.slice(start, end + 1)) words.add(size);
  }
  for (const [alias, size] of Object.entries(SIZE_ALIASES)) if (words.has(size)) words.add(alias);
  return words;
}

export const ATTRIBUTE_RULES: Rule[] = [
  attributeRequiredMissing,
  attributeContradictsTitle,
  attributeContradictsVariant,
];
