import { cleanListing, describeRuleFamily, hitsOf, usd } from './spec-fixtures';
import { TITLE_RULES, titleClaimContradicted, titleMultipleBrands } from './title.rules';

describeRuleFamily('title', TITLE_RULES, {
  TITLE_TOO_SHORT: { listing: cleanListing({ title: 'Pendant' }), says: /7 characters/ },
  TITLE_TOO_LONG: {
    listing: cleanListing({ title: `Tassel pendant, red silk thread, 8 cm, ${'hand made with love '.repeat(8)}` }),
    says: /at most 150/,
  },
  TITLE_KEYWORD_STUFFING: {
    listing: cleanListing({ title: 'Pendant tassel pendant red silk pendant necklace pendant' }),
    says: /"pendant" 4 times/,
  },
  TITLE_MULTIPLE_BRANDS: {
    listing: cleanListing({ title: 'Tassel pendant red silk Gucci Chanel Dior style' }),
    says: /3 brands/,
  },
  TITLE_SHOUTING: {
    listing: cleanListing({ title: 'TASSEL PENDANT RED SILK HOT SALE!!' }),
    says: /capitals.*exclamation.*hot sale/i,
  },
  TITLE_CLAIM_CONTRADICTED: {
    listing: cleanListing({ title: 'Tassel pendant, red silk thread, free shipping' }),
    says: /free shipping but charges a shipping fee of 1\.50 USD/,
  },
});

describe('title rule details', () => {
  it('keeps "free shipping" when the fee is zero', () => {
    const listing = cleanListing({
      title: 'Tassel pendant, red silk thread, free shipping',
      shipping: { ...cleanListing().shipping, fee: usd(0) },
    });
    expect(hitsOf(titleClaimContradicted, listing)).toEqual([]);
  });

  it('catches "ships in 24h" with a processing time of days, pointing at the processing time', () => {
    const listing = cleanListing({ description: 'Lovely pendant, ships within 24 hours.' });
    const [hit] = hitsOf(titleClaimContradicted, listing);
    expect(hit.field).toBe('shipping.processingDays');
  });

  it('does not take a word containing a brand for the brand', () => {
    const listing = cleanListing({ title: 'Tassel pendant in a sonya style, appleseed red silk' });
    expect(hitsOf(titleMultipleBrands, listing)).toEqual([]);
  });
});
