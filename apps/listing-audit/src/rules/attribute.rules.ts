import { ATTRIBUTE_VOCABULARIES, canonicalAttribute } from './config';
import { defineRule, type Rule } from './rule';
import { tokens } from './text';

/** Attributes complete and accurate for the category, consistent with title and variants (DOMAIN.md). */

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
    const present = new Set(
      Object.entries(prepared.listing.attributes)
        .filter(([, value]) => value.trim() !== '')
        .map(([name]) => canonicalAttribute(name)),
    );
    if (prepared.listing.brand) present.add('brand');
    return prepared.category.requiredAttributes
      .filter((name) => !present.has(canonicalAttribute(name)))
      .map((name) => ({
        field: `attributes.${name}`,
        message: `The category ${prepared.listing.category} requires the attribute "${name}".`,
        fix: `Add the "${name}" attribute with the true value of the item you ship.`,
      }));
  },
);

function vocabularyWords(text: string, vocabulary: readonly string[]): Set<string> {
  const words = new Set(tokens(text));
  return new Set(vocabulary.filter((word) => words.has(word)));
}

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
    for (const [name, value] of Object.entries(prepared.listing.attributes)) {
      const family = canonicalAttribute(name);
      const vocabulary = ATTRIBUTE_VOCABULARIES[family];
      if (!vocabulary) continue;
      const inAttribute = new Set([...vocabularyWords(value, vocabulary)].map(normaliseColour));
      if (inAttribute.size === 0) continue;
      const inTitle = [...vocabularyWords(prepared.title, vocabulary)].map(normaliseColour);
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
        { name, value, words: new Set(tokens(value)) },
      ]),
    );
    const hits = [];
    for (const [index, sku] of prepared.listing.skus.entries()) {
      for (const [name, value] of Object.entries(sku.attributes)) {
        const own = listingValues.get(canonicalAttribute(name));
        if (!own) continue;
        const variantWords = tokens(value);
        if (variantWords.length === 0 || variantWords.every((word) => own.words.has(word))) continue;
        hits.push({
          field: `skus.${index}.attributes.${name}`,
          message: `Variant ${sku.skuId} has ${name} "${value}" but the listing says ${own.name} "${own.value}".`,
        });
      }
    }
    return hits;
  },
);

export const ATTRIBUTE_RULES: Rule[] = [
  attributeRequiredMissing,
  attributeContradictsTitle,
  attributeContradictsVariant,
];
