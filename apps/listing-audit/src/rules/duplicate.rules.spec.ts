import { DUPLICATE_RULES, duplicateOfOwnListing } from './duplicate.rules';
import { cleanListing, describeRuleFamily, hitsOf } from './spec-fixtures';

const copy = cleanListing({ listingId: 'L-PENDANT-COPY', title: 'Red silk thread tassel pendant 8 cm' });

describeRuleFamily('duplicate', DUPLICATE_RULES, {
  DUPLICATE_OF_OWN_LISTING: { listing: cleanListing(), context: { sellerListings: [copy] }, says: /L-PENDANT-COPY/ },
});

describe('duplicate rule details', () => {
  it('ignores another seller’s copy, an inactive one and a different sale unit', () => {
    const listing = cleanListing();
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [{ ...copy, sellerId: 'S-2' }] })).toEqual([]);
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [{ ...copy, status: 'INACTIVE' }] })).toEqual([]);
    const lot = { ...copy, saleUnit: { type: 'LOT' as const, piecesPerLot: 10 } };
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [lot] })).toEqual([]);
  });

  it('finds the same item under another title (same main image and attributes), not another colour of it', () => {
    const listing = cleanListing();
    const renamed = { ...copy, title: 'Boho fringe charm, hand made' };
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [renamed] })).toHaveLength(1);
    const green = { ...renamed, attributes: { ...copy.attributes, colour: 'green' } };
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [green] })).toEqual([]);
    const sameTitleOtherColour = { ...copy, title: listing.title, attributes: { ...copy.attributes, colour: 'green' } };
    expect(hitsOf(duplicateOfOwnListing, listing, { sellerListings: [sameTitleOtherColour] })).toEqual([]);
  });
});
