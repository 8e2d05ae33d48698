import { PRICING_RULES, shippingFeeInflated, skuPriceOutlier } from './pricing.rules';
import { cleanListing, describeRuleFamily, hitsOf, usd } from './spec-fixtures';

const sku = (skuId: string, amountMinor: number) => ({
  skuId,
  attributes: { colour: 'red' },
  price: usd(amountMinor),
  stock: 5,
});

describeRuleFamily('SKU and shipping-fee', PRICING_RULES, {
  SKU_PRICE_OUTLIER: {
    listing: cleanListing({ skus: [sku('A', 999), sku('B', 1_099), sku('BAIT', 50)] }),
    says: /BAIT costs 0\.50 USD/,
  },
  SHIPPING_FEE_INFLATED: {
    listing: cleanListing({
      skus: [sku('A', 100)],
      shipping: { ...cleanListing().shipping, fee: usd(1_500) },
    }),
    says: /15\.00 USD.*1\.00 USD/,
  },
});

describe('pricing rule details', () => {
  it('points at the cheap variant only', () => {
    const hits = hitsOf(skuPriceOutlier, cleanListing({ skus: [sku('A', 999), sku('B', 1_099), sku('BAIT', 50)] }));
    expect(hits.map((hit) => hit.field)).toEqual(['skus.2.price']);
  });

  it('does not compare a fee and a price in different currencies', () => {
    const listing = cleanListing({
      skus: [sku('A', 100)],
      shipping: { ...cleanListing().shipping, fee: { amountMinor: 1_500, currency: 'EUR' } },
    });
    expect(hitsOf(shippingFeeInflated, listing)).toEqual([]);
  });

  it('compares variants sold by quantity ("1pc", "5pcs", "10pcs") per piece', () => {
    const quantity = (skuId: string, amountMinor: number, count: string) => ({
      ...sku(skuId, amountMinor),
      attributes: { quantity: count },
    });
    const listing = cleanListing({
      skus: [quantity('1', 199, '1pc'), quantity('5', 849, '5pcs'), quantity('10', 1_599, '10pcs')],
    });
    expect(hitsOf(skuPriceOutlier, listing)).toEqual([]);
  });

  it('compares the shipping fee with the typical variant, not a bait variant (its own finding)', () => {
    const listing = cleanListing({
      skus: [sku('A', 2_999), sku('B', 2_999), sku('BAIT', 9)],
      shipping: { ...cleanListing().shipping, fee: usd(299) },
    });
    expect(hitsOf(shippingFeeInflated, listing)).toEqual([]);
    expect(hitsOf(skuPriceOutlier, listing)).toHaveLength(1);
  });
});
