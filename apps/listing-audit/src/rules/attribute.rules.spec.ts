import { ATTRIBUTE_RULES, attributeContradictsTitle, attributeRequiredMissing } from './attribute.rules';
import { cleanListing, describeRuleFamily, hitsOf } from './spec-fixtures';

describeRuleFamily('attribute', ATTRIBUTE_RULES, {
  ATTRIBUTE_REQUIRED_MISSING: {
    listing: cleanListing({ attributes: { material: 'silk', colour: 'red' } }),
    says: /requires the attribute "length"/,
  },
  ATTRIBUTE_CONTRADICTS_TITLE: {
    listing: cleanListing({ title: 'Tassel pendant, red cotton thread, 8 cm' }),
    says: /title says cotton but the material attribute says "silk"/,
  },
  ATTRIBUTE_CONTRADICTS_VARIANT: {
    listing: cleanListing({
      skus: [
        { skuId: 'SKU-BLUE', attributes: { colour: 'blue' }, price: { amountMinor: 999, currency: 'USD' }, stock: 4 },
      ],
    }),
    says: /SKU-BLUE has colour "blue" but the listing says colour "red"/,
  },
});

describe('attribute rule details', () => {
  it('accepts synonyms and the brand field for required attributes', () => {
    const listing = cleanListing({
      category: 'electronics',
      attributes: { 'Model Number': 'X36', color: 'black' },
      brand: 'Generic',
    });
    expect(hitsOf(attributeRequiredMissing, listing)).toEqual([]);
  });

  it('names each missing attribute in its own finding', () => {
    const hits = hitsOf(attributeRequiredMissing, cleanListing({ category: 'apparel/shirts', attributes: {} }));
    expect(hits.map((hit) => hit.field)).toEqual(['attributes.material', 'attributes.colour', 'attributes.size']);
  });

  it('takes grey and gray as the same colour', () => {
    const listing = cleanListing({
      title: 'Tassel pendant, gray silk thread',
      attributes: { colour: 'Grey', material: 'silk' },
    });
    expect(hitsOf(attributeContradictsTitle, listing)).toEqual([]);
  });
});
