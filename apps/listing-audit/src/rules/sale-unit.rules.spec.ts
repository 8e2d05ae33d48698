import { required } from '@settle/contracts';
import { auditListing } from './engine';
import {
  priceOutsideCategoryBand,
  SALE_UNIT_RULES,
  saleUnitNotStated,
  saleUnitPriceMismatch,
  saleUnitTextMismatch,
} from './sale-unit.rules';
import { cleanListing, describeRuleFamily, hitsOf, tasselPendantCase, usd, cleanSku } from './spec-fixtures';

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
      skus: [{ ...cleanSku(), price: usd(9_990) }],
    }),
    says: /lot of 10 but the title does not say so/,
  },
  PRICE_OUTSIDE_CATEGORY_BAND: {
    listing: cleanListing({ skus: [{ ...cleanSku(), price: usd(5) }] }),
    says: /0\.05 USD/,
  },
});

describe('the tassel-pendant case (docs/DOMAIN.md)', () => {
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
    const fixed = {
      ...tassel.listing,
      skus: [{ ...required(tassel.listing.skus[0], 'a variant'), price: usd(9_990) }],
    };
    expect(hitsOf(saleUnitPriceMismatch, fixed, { sellerListings: tassel.sellerListings })).toEqual([]);
  });

  it('catches the reverse: one piece priced like the seller’s lots', () => {
    const lots = tassel.sellerListings.map((other) => ({
      ...other,
      title: `${other.title}, lot of 10`,
      saleUnit: { type: 'LOT' as const, piecesPerLot: 10 },
      skus: [{ ...required(other.skus[0], 'a variant'), price: usd(9_990) }],
    }));
    const piece = cleanListing({ listingId: 'L-NEW', skus: [{ ...cleanSku(), price: usd(9_990) }] });
    const [hit] = hitsOf(saleUnitPriceMismatch, piece, { sellerListings: lots });
    expect(hit?.message).toMatch(/priced like a lot/);
  });

  it('ignores other sellers’ listings and other products (another category, another material)', () => {
    const others = tassel.sellerListings.map((other) => ({ ...other, sellerId: 'S-2' }));
    expect(hitsOf(saleUnitPriceMismatch, tassel.listing, { sellerListings: others })).toEqual([]);
    const unrelated = tassel.sellerListings.map((other) => ({
      ...other,
      category: 'home/kitchen',
      title: 'Stainless steel kitchen knife',
      attributes: { material: 'stainless steel', size: '20 cm' },
      images: [{ url: `https://img.example.com/${other.listingId}-knife.jpg` }],
    }));
    expect(hitsOf(saleUnitPriceMismatch, tassel.listing, { sellerListings: unrelated })).toEqual([]);
    const otherMaterial = tassel.sellerListings.map((other) => ({
      ...other,
      attributes: { ...other.attributes, material: 'stainless steel' },
    }));
    expect(hitsOf(saleUnitPriceMismatch, tassel.listing, { sellerListings: otherMaterial })).toEqual([]);
  });

  it('reads lot sizes written as words, and a lot whose text says one piece', () => {
    const lot = cleanListing({
      title: 'Tassel pendant, red silk, lot of ten',
      saleUnit: { type: 'LOT', piecesPerLot: 10 },
      skus: [{ ...cleanSku(), price: usd(9_990) }],
    });
    expect(hitsOf(saleUnitTextMismatch, lot)).toEqual([]);
    const says = hitsOf(saleUnitTextMismatch, { ...lot, description: 'Sold individually, a single piece.' });
    expect(says[0]?.message).toMatch(/text says one piece/);
  });

  it('compares the category band per piece: a pendant at 1.00 USD a piece is below it, a craft tassel is not', () => {
    const [hit] = hitsOf(priceOutsideCategoryBand, tassel.listing);
    expect(hit?.message).toMatch(/One piece costs 1\.00 USD here; jewellery\/pendants usually sells from 1\.50 USD/);
    expect(hitsOf(priceOutsideCategoryBand, { ...tassel.listing, category: 'crafts/beads' })).toEqual([]);
  });
});

/**
 * Issue 18: the import renamed. A silk tassel pendant published as a LOT of 10 at 9.99 USD beside the seller's own
 * single-piece tassel pendant at 9.99 USD with the same images, colour and material, but another title.
 */
describe('the renamed tassel-pendant import (issue 18)', () => {
  const single = cleanListing({
    listingId: 'L-FRINGE-CHARM',
    title: 'Bohemian fringe charm for necklaces',
    description: 'Hand-made fringe charm of blue silk thread, 8 cm long. Package include: 1pc charm.',
    attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
    skus: [{ skuId: 'SKU-CHARM', attributes: { colour: 'blue' }, price: usd(999), stock: 40 }],
  });
  const lot = cleanListing({
    listingId: 'L-TASSEL-LOT',
    title: 'Silk tassel pendant, blue, 8 cm',
    description: 'Tassel pendant of blue silk thread, 8 cm long, with a gold-plated cap.',
    attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
    saleUnit: { type: 'LOT', piecesPerLot: 10 },
    skus: [{ skuId: 'SKU-LOT', attributes: { colour: 'blue' }, price: usd(999), stock: 200 }],
  });
  // The same two at 99.90 USD: a lot of 10 priced as a lot, and one piece at the lot's price.
  const realLot = {
    ...lot,
    title: 'Silk tassel pendant, blue, 8 cm, lot of 10',
    skus: [{ ...required(lot.skus[0], 'a variant'), price: usd(9_990) }],
  };
  const piece = { ...single, skus: [{ ...required(single.skus[0], 'a variant'), price: usd(9_990) }] };

  it('is a BLOCK with SALE_UNIT_PRICE_MISMATCH on saleUnit, naming the single-piece listing and both prices a piece', () => {
    const outcome = auditListing(lot, { sellerListings: [single] });
    expect(outcome.verdict).toBe('BLOCK');
    const finding = outcome.findings.find((candidate) => candidate.ruleId === 'SALE_UNIT_PRICE_MISMATCH');
    expect(finding).toMatchObject({ severity: 'BLOCK', field: 'saleUnit' });
    expect(finding!.message).toContain('A lot of 10 at 9.99 USD costs 1.00 USD a piece');
    expect(finding!.message).toContain('L-FRINGE-CHARM ("Bohemian fringe charm for necklaces", one piece for 9.99 USD');
    expect(finding!.message).toContain('9.99 USD a piece');
    expect(finding!.message).toMatch(/the same images/);
    expect(finding!.fix).toContain('about 99.90 USD');
  });

  it('is caught from the attributes and category when the photos were taken again', () => {
    const reshot = { ...lot, images: lot.images.map((image) => ({ url: `${image.url}?reshot` })) };
    const [hit] = hitsOf(saleUnitPriceMismatch, reshot, { sellerListings: [single] });
    expect(hit?.message).toMatch(/L-FRINGE-CHARM .*the same material, colour, length/);
  });

  it('leaves the single piece alone, and a lot priced as a lot ("10 pcs" at 79.90)', () => {
    expect(hitsOf(saleUnitPriceMismatch, single, { sellerListings: [lot] })).toEqual([]);
    const realLot = {
      ...lot,
      title: 'Silk tassel pendant, blue, 8 cm, 10 pcs',
      skus: [{ ...required(lot.skus[0], 'a variant'), price: usd(7_990) }],
    };
    expect(auditListing(realLot, { sellerListings: [single] }).findings).toEqual([]);
    expect(hitsOf(saleUnitPriceMismatch, single, { sellerListings: [realLot] })).toEqual([]);
  });

  it('does not take another product of the same material for the same one (mini charms beside a pendant)', () => {
    const pendant = cleanListing({
      listingId: 'L-CROSS',
      title: 'Stainless steel cross pendant, black, 45 cm',
      attributes: { material: 'stainless steel', colour: 'black', length: '45 cm' },
      images: [{ url: 'https://img.example.com/cross.jpg' }],
      skus: [{ skuId: 'SKU-CROSS', attributes: {}, price: usd(1_299), stock: 9 }],
    });
    const charms = cleanListing({
      listingId: 'L-MINI',
      title: 'Stainless steel mini heart charms, lot of 10',
      attributes: { material: 'stainless steel', colour: 'black', length: '1.5 cm' },
      saleUnit: { type: 'LOT', piecesPerLot: 10 },
      skus: [{ skuId: 'SKU-MINI', attributes: {}, price: usd(1_999), stock: 9 }],
    });
    expect(hitsOf(saleUnitPriceMismatch, charms, { sellerListings: [pendant] })).toEqual([]);
  });

  it('reads "5 pairs/lot (10 pcs)" and "a dozen" as the lot they are', () => {
    const earrings = cleanListing({
      title: 'Hoop earrings, 5 pairs/lot',
      description: 'Alloy hoop earrings, 5 pairs per lot (10 pcs).',
      saleUnit: { type: 'LOT', piecesPerLot: 5 },
    });
    expect(hitsOf(saleUnitTextMismatch, earrings)).toEqual([]);
    const clips = cleanListing({ title: 'A dozen matte hair claw clips', saleUnit: { type: 'LOT', piecesPerLot: 12 } });
    expect(hitsOf(saleUnitNotStated, clips)).toEqual([]);
  });

  it('blames the piece priced like the lot when the seller’s other pendants say a piece costs about 10 USD', () => {
    const others = ['green', 'red'].map((colour) =>
      cleanListing({
        listingId: `L-STEEL-${colour}`,
        title: `Stainless steel heart pendant, ${colour}`,
        attributes: { material: 'stainless steel', colour, length: '45 cm' },
        images: [{ url: `https://img.example.com/steel-${colour}.jpg` }],
        skus: [{ skuId: `SKU-${colour}`, attributes: {}, price: usd(1_199), stock: 9 }],
      }),
    );
    const [hit] = hitsOf(saleUnitPriceMismatch, piece, { sellerListings: [realLot, ...others] });
    expect(hit?.message).toMatch(/One piece at 99\.90 USD is priced like a lot/);
    expect(hitsOf(saleUnitPriceMismatch, realLot, { sellerListings: [piece, ...others] })).toEqual([]);
  });

  describe('one listing against one, nothing else to compare with: the later of the two is the import', () => {
    const since = (listing: typeof lot, listedSince: string) => ({ ...listing, listedSince });

    it('blames the piece at the lot’s price when it was listed after the lot', () => {
      const newPiece = since(piece, '2026-03-02T08:00:00Z');
      const oldLot = since(realLot, '2026-01-10T08:00:00Z');
      const [hit] = hitsOf(saleUnitPriceMismatch, newPiece, { sellerListings: [oldLot] });
      expect(hit?.message).toMatch(/One piece at 99\.90 USD is priced like a lot/);
      expect(hitsOf(saleUnitPriceMismatch, oldLot, { sellerListings: [newPiece] })).toEqual([]);
    });

    it('blames the lot at the piece’s price when the lot came later (the tassel pendant import)', () => {
      // 29.99 USD: 3.00 USD a piece for the lot, inside the pendants' band, so only the dates tell.
      const at = (listing: typeof lot) => ({
        ...listing,
        skus: [{ ...required(listing.skus[0], 'a variant'), price: usd(2_999) }],
      });
      const oldPiece = since(at(single), '2026-01-10T08:00:00Z');
      const newLot = since(at(lot), '2026-03-02T08:00:00Z');
      expect(hitsOf(saleUnitPriceMismatch, oldPiece, { sellerListings: [newLot] })).toEqual([]);
      const [hit] = hitsOf(saleUnitPriceMismatch, newLot, { sellerListings: [oldPiece] });
      expect(hit?.message).toMatch(/The lot is priced like one piece/);
    });

    it('lets a price of one piece outside the category’s band outweigh the dates', () => {
      // The lot of 10 at 9.99 is 1.00 USD a piece, below the pendants' band: it is the mistake, though older.
      const oldLot = since(lot, '2026-01-10T08:00:00Z');
      const newPiece = since(single, '2026-03-02T08:00:00Z');
      expect(hitsOf(saleUnitPriceMismatch, newPiece, { sellerListings: [oldLot] })).toEqual([]);
      expect(hitsOf(saleUnitPriceMismatch, oldLot, { sellerListings: [newPiece] })).toHaveLength(1);
    });

    it('without dates an hour apart, falls back to the lot priced like a piece', () => {
      const samePiece = since(piece, '2026-03-02T08:00:00Z');
      const sameLot = since(realLot, '2026-03-02T08:30:00Z');
      expect(hitsOf(saleUnitPriceMismatch, samePiece, { sellerListings: [sameLot] })).toEqual([]);
      expect(hitsOf(saleUnitPriceMismatch, sameLot, { sellerListings: [samePiece] })).toHaveLength(1);
      expect(hitsOf(saleUnitPriceMismatch, piece, { sellerListings: [realLot] })).toEqual([]);
      expect(hitsOf(saleUnitPriceMismatch, realLot, { sellerListings: [piece] })).toHaveLength(1);
    });
  });
});
