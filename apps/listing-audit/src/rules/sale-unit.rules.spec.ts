import { auditListing } from './engine';
import {
  priceOutsideCategoryBand,
  SALE_UNIT_RULES,
  saleUnitPriceMismatch,
  saleUnitTextMismatch,
} from './sale-unit.rules';
import { cleanListing, describeRuleFamily, hitsOf, tasselPendantCase, usd } from './spec-fixtures';

const tassel = tasselPendantCase();

describeRuleFamily('sale unit and price', SALE_UNIT_RULES, {
  SALE_UNIT_PRICE_MISMATCH: {
    listing: tassel.listing,
    context: { sellerListings: tassel.sellerListings },
    says: /lot is priced like one piece/,
  },
  SALE_UNIT_TEXT_MISMATCH: {
    listing: cleanListing({ title: 'Tassel pendant, red silk thread, lot of 10' }),
    says: /sold by the piece but its text says "lot of 10"/,
  },
  SALE_UNIT_NOT_STATED: {
    listing: cleanListing({
      saleUnit: { type: 'LOT', piecesPerLot: 10 },
      skus: [{ ...cleanListing().skus[0], price: usd(9_990) }],
    }),
    says: /lot of 10 but the title does not say so/,
  },
  PRICE_OUTSIDE_CATEGORY_BAND: {
    listing: cleanListing({ skus: [{ ...cleanListing().skus[0], price: usd(5) }] }),
    says: /0\.05 USD/,
  },
});

describe('the tassel-pendant case (DOMAIN.md)', () => {
  it('blocks a lot of 10 at 9.99 USD beside the seller’s single pieces at 9.99, with the sale-unit rule', () => {
    const outcome = auditListing(tassel.listing, { sellerListings: tassel.sellerListings });
    expect(outcome.verdict).toBe('BLOCK');
    const finding = outcome.findings.find((candidate) => candidate.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
    expect(finding).toMatchObject({ severity: 'BLOCK', field: 'saleUnit' });
    expect(finding!.message).toContain('A lot of 10 at 9.99 USD costs 1.00 USD a piece');
    expect(finding!.message).toContain('L-TASSEL-RED');
    expect(finding!.fix).toContain('set the sale unit to PIECE');
    expect(finding!.fix).toContain('99.90 USD');
  });

  it('passes the same listing once the lot is priced as ten pieces', () => {
    const fixed = { ...tassel.listing, skus: [{ ...tassel.listing.skus[0], price: usd(9_990) }] };
    expect(hitsOf(saleUnitPriceMismatch, fixed, { sellerListings: tassel.sellerListings })).toEqual([]);
  });

  it('catches the reverse: one piece priced like the seller’s lots', () => {
    const lots = tassel.sellerListings.map((other) => ({
      ...other,
      title: `${other.title}, lot of 10`,
      saleUnit: { type: 'LOT' as const, piecesPerLot: 10 },
      skus: [{ ...other.skus[0], price: usd(9_990) }],
    }));
    const piece = cleanListing({ listingId: 'L-NEW', skus: [{ ...cleanListing().skus[0], price: usd(9_990) }] });
    const [hit] = hitsOf(saleUnitPriceMismatch, piece, { sellerListings: lots });
    expect(hit.message).toMatch(/priced like a lot/);
  });

  it('ignores other sellers’ listings and unrelated products', () => {
    const others = tassel.sellerListings.map((other) => ({ ...other, sellerId: 'S-2' }));
    expect(hitsOf(saleUnitPriceMismatch, tassel.listing, { sellerListings: others })).toEqual([]);
    const unrelated = tassel.sellerListings.map((other) => ({ ...other, title: 'Stainless steel kitchen knife' }));
    expect(hitsOf(saleUnitPriceMismatch, tassel.listing, { sellerListings: unrelated })).toEqual([]);
  });

  it('reads lot sizes written as words, and a lot whose text says one piece', () => {
    const lot = cleanListing({
      title: 'Tassel pendant, red silk, lot of ten',
      saleUnit: { type: 'LOT', piecesPerLot: 10 },
      skus: [{ ...cleanListing().skus[0], price: usd(9_990) }],
    });
    expect(hitsOf(saleUnitTextMismatch, lot)).toEqual([]);
    const says = hitsOf(saleUnitTextMismatch, { ...lot, description: 'Sold individually, a single piece.' });
    expect(says[0].message).toMatch(/text says one piece/);
  });

  it('compares the category band per piece, so a lot of 10 at 9.99 is inside the band but 0.05 a piece is not', () => {
    expect(hitsOf(priceOutsideCategoryBand, tassel.listing)).toEqual([]);
  });
});
