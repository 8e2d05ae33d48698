import { cleanListing, describeRuleFamily, hitsOf, usd } from './spec-fixtures';
import { TITLE_RULES, titleClaimContradicted, titleMultipleBrands, titleShouting } from './title.rules';

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
    expect(hit?.field).toBe('shipping.processingDays');
  });

  it('does not take a word containing a brand for the brand', () => {
    const listing = cleanListing({ title: 'Tassel pendant in a sonya style, appleseed red silk' });
    expect(hitsOf(titleMultipleBrands, listing)).toEqual([]);
  });

  it('counts a list of brands an accessory fits, not one brand beside the seller’s own', () => {
    const brands = (title: string, brand = 'NEOPOP') => hitsOf(titleMultipleBrands, cleanListing({ title, brand }));
    expect(brands('NEOPOP USB C cable for Samsung Xiaomi Huawei')).toHaveLength(1);
    expect(brands('NEOPOP clear case for Samsung Galaxy S21')).toEqual([]);
    expect(brands('Nike NEOPOP running shirt')).toHaveLength(1);
  });

  it('takes capitals for shouting in words, not in acronyms, model names or the brand', () => {
    const shouts = (title: string) => hitsOf(titleShouting, cleanListing({ title, brand: 'NEOPOP' }));
    expect(shouts('X96 Max Android TV Box 4K HDR 2GB 16GB WiFi 5G BT5.0')).toEqual([]);
    expect(shouts('NEOPOP 60W USB C cable, black')).toEqual([]);
    expect(shouts('LEATHER WALLET, BROWN')).toHaveLength(1);
  });
});
