import type { Money } from '@settle/contracts/money';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config';
import { auditListing } from './engine';
import { prepareListing, type Rule } from './rule';
import type { AuditContext, AuditedListing, ImageFacts, RuleHit } from './types';

/** Listings for the rules' unit tests: a clean one every rule stays quiet on, and the two cases of docs/DOMAIN.md. */

export const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

/** A clean single tassel pendant: every rule stays quiet on it. */
/** The clean listing's one variant. */
export function cleanSku(): AuditedListing['skus'][number] {
  return { skuId: 'SKU-RED', attributes: { colour: 'red' }, price: usd(999), stock: 40 };
}

export function cleanListing(overrides: Partial<AuditedListing> = {}): AuditedListing {
  return {
    listingId: 'L-PENDANT-1',
    sellerId: 'S-1',
    category: 'jewellery/pendants',
    title: 'Tassel pendant, red silk thread, 8 cm',
    description: 'A hand-made tassel pendant of red silk thread, 8 cm long, with a gold-plated cap.',
    images: [
      { url: 'https://img.example.com/pendant-front.jpg' },
      { url: 'https://img.example.com/pendant-side.jpg' },
      { url: 'https://img.example.com/pendant-ruler.jpg' },
    ],
    attributes: { material: 'silk', colour: 'red', length: '8 cm' },
    saleUnit: { type: 'PIECE' },
    skus: [cleanSku()],
    shipping: { fee: usd(150), processingDays: 3, promisedDeliveryDays: 20, shipsFrom: 'CN', shipsTo: ['FR', 'US'] },
    brand: 'Generic',
    status: 'ACTIVE',
    ...overrides,
  };
}

export const okImage = (
  width = 1000,
  height = 1000,
  url = 'https://img.example.com/pendant-front.jpg',
): ImageFacts => ({
  url,
  outcome: 'OK',
  width,
  height,
  format: 'jpeg',
});

/**
 * The tassel-pendant case (docs/DOMAIN.md): a new pendant imported from a similar product kept its "lot of 10" sale unit
 * and got the single-piece price of 9.99 USD, beside the seller's own single pendants at 9.99.
 */
export function tasselPendantCase(): { listing: AuditedListing; sellerListings: AuditedListing[] } {
  const listing = cleanListing({
    listingId: 'L-TASSEL-NEW',
    title: 'Tassel pendant, blue silk thread, 8 cm, lot of 10',
    description: 'Hand-made tassel pendants of blue silk thread, 8 cm long, with a gold-plated cap. Lot of 10.',
    attributes: { material: 'silk', colour: 'blue', length: '8 cm' },
    saleUnit: { type: 'LOT', piecesPerLot: 10 },
    skus: [{ skuId: 'SKU-BLUE', attributes: { colour: 'blue' }, price: usd(999), stock: 200 }],
  });
  const sellerListings = [
    cleanListing({ listingId: 'L-TASSEL-RED' }),
    cleanListing({
      listingId: 'L-TASSEL-GREEN',
      title: 'Tassel pendant, green silk thread, 8 cm',
      attributes: { material: 'silk', colour: 'green', length: '8 cm' },
      skus: [{ skuId: 'SKU-GREEN', attributes: { colour: 'green' }, price: usd(999), stock: 25 }],
    }),
  ];
  return { listing, sellerListings };
}

/** The set-top box case (docs/DOMAIN.md): model X36 cannot be shipped, yet the listing is active. */
export function setTopBoxCase(): AuditedListing {
  return cleanListing({
    listingId: 'L-X36',
    category: 'electronics/set-top-boxes',
    title: 'X36 Android TV box, 4K, 2 GB RAM, 16 GB storage',
    description: 'Android TV set-top box model X36 with 4K output, wifi and a remote control.',
    attributes: { brand: 'Generic', model: 'X36', plug: 'EU' },
    skus: [{ skuId: 'SKU-X36-EU', attributes: { plug: 'EU' }, price: usd(3_499), stock: 0 }],
    shipping: { fee: usd(0), processingDays: 3, promisedDeliveryDays: 15, shipsFrom: 'CN', shipsTo: ['FR'] },
  });
}

/** A context with something for every rule to read, all of it consistent with cleanListing(). */
export function cleanContext(listing: AuditedListing = cleanListing()): AuditContext {
  return {
    images: listing.images.map((image) => okImage(1200, 1200, image.url)),
    imageUses: [
      // The same photo on the seller's green pendant: the same product, so not "unrelated".
      {
        url: listing.images[0]?.url ?? '',
        listingId: 'L-TASSEL-GREEN',
        sellerId: listing.sellerId,
        category: 'jewellery/pendants',
        title: 'Tassel pendant, green silk thread, 8 cm',
      },
    ],
    // The seller's other pendants (not the red one: that is this listing's twin), at the same piece price.
    sellerListings: tasselPendantCase().sellerListings.filter((other) => other.listingId !== 'L-TASSEL-RED'),
    disputes: [],
  };
}

export function hitsOf(
  rule: Rule,
  listing: AuditedListing,
  context: AuditContext = {},
  config: AuditConfig = DEFAULT_AUDIT_CONFIG,
): RuleHit[] {
  return rule.check({ prepared: prepareListing(listing, config), context, config });
}

export interface BreakingCase {
  listing: AuditedListing;
  context?: AuditContext;
  /** Part of the message the finding must carry. */
  says?: RegExp;
}

/**
 * The Done-when of issue 7 for one family: every rule fires on a listing made to break it, stays quiet on the clean
 * listing (with a full context), and has its fix text. `cases` must name every rule of the family.
 */
export function describeRuleFamily(name: string, rules: readonly Rule[], cases: Record<string, BreakingCase>): void {
  describe(`${name} rules`, () => {
    it('has a breaking case for every rule of the family', () => {
      expect(Object.keys(cases).sort()).toEqual(rules.map((rule) => rule.id).sort());
    });

    describe.each(rules.map((rule) => ({ id: rule.id, rule })))('$id', ({ id, rule }) => {
      it('fires on a listing made to break it, with a message and a fix', () => {
        const breaking = cases[id];
        if (!breaking) throw new Error(`no breaking case for ${id}`);
        const hits = hitsOf(rule, breaking.listing, breaking.context);
        expect(hits.length).toBeGreaterThan(0);
        const outcome = auditListing(breaking.listing, breaking.context);
        const finding = outcome.findings.find((candidate) => candidate.ruleId === id);
        expect(finding).toMatchObject({
          severity: rule.severity,
          message: expect.any(String),
          fix: expect.any(String),
        });
        expect(finding!.fix.length).toBeGreaterThan(20);
        if (breaking.says) expect(finding!.message).toMatch(breaking.says);
      });

      it('stays quiet on a clean listing', () => {
        const listing = cleanListing();
        expect(hitsOf(rule, listing, cleanContext(listing))).toEqual([]);
      });

      it('has a stable id, a field and its fix text in the catalogue', () => {
        expect(rule.id).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(rule.field.length).toBeGreaterThan(0);
        expect(rule.summary.length).toBeGreaterThan(10);
        expect(rule.fix.length).toBeGreaterThan(20);
      });
    });
  });
}
