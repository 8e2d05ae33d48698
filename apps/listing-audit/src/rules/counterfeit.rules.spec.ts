import { brandUnauthorised, COUNTERFEIT_RULES, counterfeitTermsRule } from './counterfeit.rules';
import { DEFAULT_AUDIT_CONFIG } from './config';
import { cleanListing, describeRuleFamily, hitsOf } from './spec-fixtures';

describeRuleFamily('counterfeit', COUNTERFEIT_RULES, {
  COUNTERFEIT_TERMS: {
    listing: cleanListing({ description: 'Tassel pendant, 1:1 replica of the designer piece, AAA quality.' }),
    says: /"replica", "1:1", "AAA"/,
  },
  BRAND_UNAUTHORISED: { listing: cleanListing({ brand: 'Pandora' }), says: /not authorised to sell Pandora/ },
});

describe('counterfeit rule details', () => {
  it('leaves innocent uses alone (AAA batteries, copy paper, fake fur)', () => {
    const listing = cleanListing({
      description: 'Runs on two AAA batteries; wrapped in copy paper; trimmed with fake fur.',
    });
    expect(hitsOf(counterfeitTermsRule, listing)).toEqual([]);
  });

  it('allows a brand the seller is authorised for, and accessories "for" a brand', () => {
    const config = { ...DEFAULT_AUDIT_CONFIG, brandAuthorisations: { 'S-1': ['Pandora'] } };
    expect(hitsOf(brandUnauthorised, cleanListing({ brand: 'Pandora' }), {}, config)).toEqual([]);
    expect(hitsOf(brandUnauthorised, cleanListing({ title: 'Silicone case for Apple AirTag, red' }))).toEqual([]);
    expect(hitsOf(brandUnauthorised, cleanListing({ title: 'Apple AirTag tracker, red' }))[0]?.field).toBe('title');
  });

  it('reads a list of brands an accessory fits, and a case named after its phone, as accessories', () => {
    expect(hitsOf(brandUnauthorised, cleanListing({ title: 'USB C cable for Samsung Xiaomi Huawei' }))).toEqual([]);
    expect(hitsOf(brandUnauthorised, cleanListing({ title: 'Samsung Galaxy S21 case, clear silicone' }))).toEqual([]);
    expect(hitsOf(brandUnauthorised, cleanListing({ title: 'Samsung original case, clear silicone' }))).toHaveLength(1);
  });

  it('leaves "AAA cubic zirconia" and "please do not copy our photos" alone, but not "AAA quality" or "1:1 copy"', () => {
    const says = (description: string) => hitsOf(counterfeitTermsRule, cleanListing({ description }));
    expect(says('Stone: AAA+ cubic zirconia. All photos are ours, please do not copy.')).toEqual([]);
    expect(says('AAA quality, same as the original.')).toHaveLength(1);
    expect(says('1:1 copy of the designer bag.')).toHaveLength(1);
  });
});
