import { required } from '@settle/contracts';
import {
  ATTRIBUTE_RULES,
  attributeContradictsTitle,
  attributeContradictsVariant,
  attributeRequiredMissing,
} from './attribute.rules';
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
    const listing = cleanListing({ category: 'apparel/shirts', attributes: {} });
    const bare = { ...listing, skus: listing.skus.map((sku) => ({ ...sku, attributes: {} })) };
    const hits = hitsOf(attributeRequiredMissing, bare);
    expect(hits.map((hit) => hit.field)).toEqual(['attributes.material', 'attributes.colour', 'attributes.size']);
  });

  it('takes an attribute every variant gives (sizes as variants), and the names sellers write', () => {
    const shirt = cleanListing({
      category: 'apparel/t-shirts',
      attributes: { 'Main Material': '100% Cotton', 'Main Color': 'Red' },
      skus: ['S', 'M', 'L'].map((size) => ({
        skuId: `SKU-${size}`,
        attributes: { size },
        price: { amountMinor: 999, currency: 'USD' },
        stock: 5,
      })),
    });
    expect(hitsOf(attributeRequiredMissing, shirt)).toEqual([]);
    const oneVariantWithout = {
      ...shirt,
      skus: [...shirt.skus, { ...required(shirt.skus[0], 'a variant'), skuId: 'SKU-X', attributes: {} }],
    };
    expect(hitsOf(attributeRequiredMissing, oneVariantWithout).map((hit) => hit.field)).toEqual(['attributes.size']);
    const pendant = cleanListing({ attributes: { 'Metals Type': 'silk', 'Main Color': 'red', 'Item Length': '8cm' } });
    expect(hitsOf(attributeRequiredMissing, pendant)).toEqual([]);
  });

  it('reads "cotton blend", "silk feeling", PU leather and "antique silver" as meant, "925 sterling silver" as a claim', () => {
    const contradicts = (title: string, material: string) =>
      hitsOf(
        attributeContradictsTitle,
        cleanListing({ title, attributes: { material, colour: 'red', length: '8 cm' } }),
      );
    expect(contradicts('Cotton blend t-shirt, red', '65% Cotton 35% Polyester')).toEqual([]);
    expect(contradicts('Silk feeling satin scarf, red', 'Polyester')).toEqual([]);
    expect(contradicts('Faux leather handbag, red', 'PU Leather')).toEqual([]);
    expect(contradicts('Antique silver charms, red', 'Zinc Alloy')).toEqual([]);
    expect(contradicts('Genuine leather wallet, red', 'PU Leather')).toHaveLength(1);
    expect(contradicts('925 Sterling Silver pendant, red', 'Zinc Alloy')).toHaveLength(1);
  });

  it('lets a "multicolor" listing or a size range ("S-XXL") hold its variants', () => {
    const variants = (attributes: Record<string, string>, values: Record<string, string>[]) =>
      hitsOf(
        attributeContradictsVariant,
        cleanListing({
          attributes,
          skus: values.map((value, index) => ({
            skuId: `SKU-${index}`,
            attributes: value,
            price: { amountMinor: 999, currency: 'USD' },
            stock: 5,
          })),
        }),
      );
    expect(variants({ colour: 'Multicolor' }, [{ colour: 'red' }, { colour: 'blue' }])).toEqual([]);
    expect(variants({ size: 'S-XXL' }, [{ size: 'S' }, { size: 'XL' }, { size: 'XXL' }])).toEqual([]);
    expect(variants({ size: 'M-3XL' }, [{ size: 'S' }])).toHaveLength(1);
  });

  it('takes grey and gray as the same colour', () => {
    const listing = cleanListing({
      title: 'Tassel pendant, gray silk thread',
      attributes: { colour: 'Grey', material: 'silk' },
    });
    expect(hitsOf(attributeContradictsTitle, listing)).toEqual([]);
  });
});
