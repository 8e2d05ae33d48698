import { required } from '@settle/contracts';
import { attributeRequiredMissing } from './attribute.rules';
import { categoryRules, DEFAULT_AUDIT_CONFIG } from './config';
import { mergeAuditConfig } from './config-file';
import { priceOutsideCategoryBand } from './sale-unit.rules';
import { cleanListing, hitsOf, usd } from './spec-fixtures';

describe('the shipped per-category configuration and AUDIT_RULES_FILE', () => {
  it('ships required attributes and a band of one piece for every category of the corpus', () => {
    for (const category of [
      'jewellery/pendants',
      'crafts/beads',
      'apparel/t-shirts',
      'apparel/scarves',
      'electronics/set-top-boxes',
      'electronics/phone-accessories',
      'home/kitchen',
      'bags/handbags',
      'toys',
      'beauty/hair-accessories',
    ]) {
      const rules = categoryRules(DEFAULT_AUDIT_CONFIG, category);
      expect({ category, required: rules.requiredAttributes.length > 0 }).toEqual({ category, required: true });
      for (const currency of ['USD', 'EUR', 'GBP']) {
        const band = required(rules.piecePriceBands[currency], `${category}'s ${currency} band`);
        expect(band.minMinor).toBeGreaterThan(0);
        expect(band.maxMinor).toBeGreaterThan(band.minMinor);
      }
    }
  });

  it('lets a rules file replace a category’s band and required attributes, leaving the others', () => {
    const config = mergeAuditConfig(DEFAULT_AUDIT_CONFIG, {
      categories: {
        toys: {
          requiredAttributes: ['material', 'age', 'colour'],
          piecePriceBands: { USD: { minMinor: 500, maxMinor: 20_000 } },
        },
      },
    });
    const toy = cleanListing({
      category: 'toys',
      attributes: { material: 'plush', age: '3+' },
      skus: [{ skuId: 'SKU-T', attributes: {}, price: usd(399), stock: 5 }],
    });
    expect(hitsOf(priceOutsideCategoryBand, toy)).toEqual([]);
    expect(hitsOf(priceOutsideCategoryBand, toy, {}, config)).toHaveLength(1);
    expect(hitsOf(attributeRequiredMissing, toy, {}, config).map((hit) => hit.field)).toEqual(['attributes.colour']);
    expect(categoryRules(config, 'jewellery/pendants')).toEqual(
      categoryRules(DEFAULT_AUDIT_CONFIG, 'jewellery/pendants'),
    );
  });
});
