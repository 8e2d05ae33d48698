import { required } from '@settle/contracts';
import { IMAGE_RULES, imageMainTooSmall, imageMainUnusable, imageReusedAcrossListings } from './image.rules';
import { cleanContext, cleanListing, describeRuleFamily, hitsOf, okImage } from './spec-fixtures';

const single = cleanListing({ images: [{ url: 'https://img.example.com/pendant-front.jpg' }] });

describeRuleFamily('image', IMAGE_RULES, {
  IMAGE_MAIN_MISSING: { listing: cleanListing({ images: [] }), says: /no image/ },
  IMAGE_MAIN_UNUSABLE: { listing: cleanListing(), context: { images: [okImage(200, 180)] }, says: /200x180/ },
  IMAGE_MAIN_TOO_SMALL: { listing: cleanListing(), context: { images: [okImage(640, 900)] }, says: /640x900/ },
  IMAGE_MAIN_BROKEN: {
    listing: cleanListing(),
    context: { images: [{ url: 'https://img.example.com/x', outcome: 'BROKEN', reason: 'HTTP 404' }] },
    says: /HTTP 404/,
  },
  IMAGE_MAIN_UNREACHABLE: {
    listing: cleanListing(),
    context: {
      images: [{ url: 'https://img.example.com/x', outcome: 'UNREACHABLE', reason: 'timed out after 5000 ms' }],
    },
    says: /timed out/,
  },
  IMAGE_TOO_FEW: { listing: single, says: /1 image/ },
  IMAGE_REUSED_ACROSS_LISTINGS: {
    listing: cleanListing(),
    context: {
      imageUses: [
        {
          url: 'https://img.example.com/pendant-side.jpg',
          listingId: 'L-PHONE-CASE',
          sellerId: 'S-9',
          category: 'electronics/phone-cases',
          title: 'Silicone phone case',
        },
      ],
    },
    says: /Image 2 .*L-PHONE-CASE/,
  },
});

describe('image rule details', () => {
  it('warns from 250 up to 800 pixels and blocks below 250, on the smaller side', () => {
    const listing = cleanListing();
    expect(hitsOf(imageMainTooSmall, listing, { images: [okImage(800, 800)] })).toEqual([]);
    expect(hitsOf(imageMainTooSmall, listing, { images: [okImage(1600, 799)] })).toHaveLength(1);
    expect(hitsOf(imageMainTooSmall, listing, { images: [okImage(249, 249)] })).toEqual([]);
    expect(hitsOf(imageMainUnusable, listing, { images: [okImage(249, 2000)] })).toHaveLength(1);
    expect(hitsOf(imageMainUnusable, listing, { images: [okImage(250, 250)] })).toEqual([]);
  });

  it('stays quiet when images were not probed (images off)', () => {
    const listing = cleanListing();
    const { images: _images, ...withoutProbes } = cleanContext(listing);
    expect(hitsOf(imageMainTooSmall, listing, withoutProbes)).toEqual([]);
  });

  it('does not count a photo shared with the same product in the same category as reuse', () => {
    const listing = cleanListing();
    expect(hitsOf(imageReusedAcrossListings, listing, cleanContext(listing))).toEqual([]);
  });

  it('does not count a supplier photo on another seller’s listing of the same product, whatever its title', () => {
    const listing = cleanListing();
    const use = (attributes: Record<string, string>) => ({
      url: required(listing.images[0], 'the main image').url,
      listingId: 'L-OTHER',
      sellerId: 'S-9',
      category: listing.category,
      title: 'Boho fringe charm, hand made',
      attributes,
    });
    const same = use({ Material: 'Silk', 'Main Color': 'Red' });
    expect(hitsOf(imageReusedAcrossListings, listing, { imageUses: [same] })).toEqual([]);
    const other = use({ material: 'stainless steel', colour: 'black' });
    expect(hitsOf(imageReusedAcrossListings, listing, { imageUses: [other] })).toHaveLength(1);
  });
});
