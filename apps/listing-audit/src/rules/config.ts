/**
 * Per-category configuration and the other lists the rules read. It is data: the defaults below ship with the
 * service, and an operator replaces them with a JSON file of the same shape (AUDIT_RULES_FILE).
 */

/** Bounds of a plausible price for ONE piece, in minor units of one currency. */
export interface PriceBand {
  minMinor: number;
  maxMinor: number;
}

export interface CategoryRules {
  /**
   * Attribute names every listing of the category must carry (synonyms are accepted, see ATTRIBUTE_SYNONYMS; given
   * on every variant counts too). `size|length` means either one.
   */
  requiredAttributes: string[];
  minImages: number;
  titleMinLength: number;
  titleMaxLength: number;
  /** Plausible single-piece prices per currency; a price outside is a warning, not proof. */
  piecePriceBands: Record<string, PriceBand>;
  /** A shipping fee above this multiple of the typical (median) variant's price looks like a price moved into shipping. */
  maxShippingToPriceRatio: number;
}

export interface CounterfeitTerm {
  /** How the term appears (a regular expression source, matched case-insensitively on word boundaries). */
  pattern: string;
  label: string;
  /** Innocent uses of the term (`AAA batteries`, `copy paper`), skipped. */
  unless?: string;
}

export interface AuditConfig {
  /** Keyed by category path; a listing takes the most specific prefix (`jewellery/pendants`, then `jewellery`), else `default`. */
  categories: Record<string, Partial<CategoryRules>> & { default: CategoryRules };
  /** Brands the marketplace protects: listing one needs the brand owner's authorisation. */
  protectedBrands: string[];
  /** sellerId → brands the seller is authorised to sell. */
  brandAuthorisations: Record<string, string[]>;
  counterfeitTerms: CounterfeitTerm[];
  thresholds: AuditThresholds;
}

export interface AuditThresholds {
  imageWarnBelowPx: number;
  imageBlockBelowPx: number;
  /** Titles at least this similar (Jaccard of product words) are the same product. */
  similarTitle: number;
  /** Titles at least this similar, in the same category and sale unit, are duplicates. */
  duplicateTitle: number;
  /** Titles below this similarity are unrelated products (for reused images). */
  unrelatedTitle: number;
  /** A unit price off by more than this factor from the reference is a sale-unit mistake. */
  priceRatio: number;
  /** A variant below this share of the median of the others is priced to rank, not to sell. */
  skuOutlierShare: number;
  /** Repeats of one word in a title that make it stuffed. */
  keywordRepeats: number;
  /** Share of upper-case letters above which a title shouts. */
  shoutingShare: number;
  /** NOT_AS_DESCRIBED disputes on one listing that trigger the feedback finding. */
  feedbackDisputes: number;
}

/** Attribute names that mean the same thing, first the canonical one (the names sellers really write). */
export const ATTRIBUTE_SYNONYMS: readonly string[][] = [
  ['colour', 'color', 'colours', 'colors', 'main color', 'main colour', 'color name', 'colour name'],
  ['material', 'fabric', 'materials', 'main material', 'metals type', 'metal type', 'material type'],
  ['size', 'sizes', 'dimensions', 'dimension', 'item size', 'bead size', 'capacity'],
  ['length', 'item length', 'pendant length', 'chain length'],
  ['brand', 'make', 'brand name'],
  ['model', 'model number', 'model_number', 'modelnumber', 'model name'],
  ['plug', 'plug type', 'plug standard'],
  ['compatible model', 'compatible models', 'compatibility', 'compatible phone model', 'compatible brand'],
  ['age', 'age range', 'recommend age', 'recommended age', 'suitable age'],
];

export function canonicalAttribute(name: string): string {
  const lower = name.trim().toLowerCase();
  return ATTRIBUTE_SYNONYMS.find((group) => group.includes(lower))?.[0] ?? lower;
}

/** Values whose families can contradict each other (title says cotton, material says polyester). */
export const ATTRIBUTE_VOCABULARIES: Readonly<Record<string, readonly string[]>> = {
  material: [
    'cotton',
    'polyester',
    'silk',
    'wool',
    'linen',
    'leather',
    'nylon',
    'acrylic',
    'cashmere',
    'viscose',
    'spandex',
    // PU ("faux", "vegan" leather) is not leather; weaves (satin, velvet, denim) are left out: any fibre makes them.
    'pu',
    'silver',
    'gold',
    'steel',
    'titanium',
    'plastic',
    'wood',
    'bamboo',
    'glass',
    'ceramic',
    'alloy',
    'brass',
    'copper',
    'resin',
  ],
  colour: [
    'red',
    'blue',
    'green',
    'black',
    'white',
    'yellow',
    'pink',
    'purple',
    'orange',
    'grey',
    'gray',
    'brown',
    'beige',
    'navy',
    'khaki',
  ],
};

/** A USD band with the same figures in EUR and about 0.8 of them in GBP (bands are orders of magnitude). */
function bands(minUsdMinor: number, maxUsdMinor: number): Record<string, PriceBand> {
  const band = { minMinor: minUsdMinor, maxMinor: maxUsdMinor };
  return {
    USD: band,
    EUR: band,
    GBP: { minMinor: Math.max(1, Math.round(minUsdMinor * 0.8)), maxMinor: Math.round(maxUsdMinor * 0.8) },
  };
}

export const DEFAULT_AUDIT_CONFIG: AuditConfig = {
  categories: {
    default: {
      requiredAttributes: [],
      minImages: 3,
      titleMinLength: 15,
      titleMaxLength: 150,
      piecePriceBands: {},
      maxShippingToPriceRatio: 3,
    },
    // Bands of ONE piece, in minor units: the cheapest and dearest a piece of the category plausibly sells for on a
    // cross-border marketplace (a lot's price is divided by its pieces first). Outside is a warning, not proof.
    jewellery: {
      requiredAttributes: ['material', 'colour'],
      piecePriceBands: bands(50, 500_000),
    },
    // Finished pendants: the cheapest steel or stone pendant sells for about 2 USD even by the lot of 20.
    'jewellery/pendants': {
      requiredAttributes: ['material', 'colour', 'length'],
      piecePriceBands: bands(150, 50_000),
    },
    // Beads, charms and craft tassels sell by the hundred: a bead may cost a cent.
    crafts: {
      requiredAttributes: ['material', 'colour', 'size|length'],
      piecePriceBands: bands(1, 2_000),
    },
    apparel: {
      requiredAttributes: ['material', 'colour', 'size'],
      piecePriceBands: bands(150, 30_000),
    },
    'apparel/t-shirts': { piecePriceBands: bands(200, 10_000) },
    electronics: {
      requiredAttributes: ['brand', 'model'],
      piecePriceBands: bands(30, 500_000),
    },
    'electronics/set-top-boxes': {
      requiredAttributes: ['brand', 'model', 'plug'],
      piecePriceBands: bands(1_000, 30_000),
    },
    // Cases, cables and screen protectors: a protector may cost 0.30 USD a piece in a pack.
    'electronics/phone-accessories': {
      requiredAttributes: ['material', 'compatible model'],
      piecePriceBands: bands(30, 8_000),
    },
    home: {
      requiredAttributes: ['material'],
      piecePriceBands: bands(10, 100_000),
    },
    'home/kitchen': {
      requiredAttributes: ['material', 'size|length'],
      piecePriceBands: bands(10, 20_000),
    },
    bags: {
      requiredAttributes: ['material', 'colour', 'size'],
      piecePriceBands: bands(150, 100_000),
    },
    toys: {
      requiredAttributes: ['material', 'age'],
      piecePriceBands: bands(20, 30_000),
    },
    beauty: {
      requiredAttributes: ['material'],
      piecePriceBands: bands(5, 20_000),
    },
    // Hair clips and scrunchies sell by the dozen: a scrunchie in a pack of 30 costs about 0.10 USD.
    'beauty/hair-accessories': {
      requiredAttributes: ['material', 'colour'],
      piecePriceBands: bands(5, 5_000),
    },
  },
  protectedBrands: [
    'Apple',
    'Samsung',
    'Nike',
    'Adidas',
    'Gucci',
    'Louis Vuitton',
    'Chanel',
    'Rolex',
    'Sony',
    'Pandora',
    'Swarovski',
    'Disney',
    'Xiaomi',
    'Huawei',
    'Dior',
    'Prada',
    'Hermes',
    'Casio',
    'Lego',
    'Canon',
  ],
  brandAuthorisations: {},
  counterfeitTerms: [
    { pattern: 'replicas?', label: 'replica' },
    { pattern: '1:1', label: '1:1' },
    {
      pattern: 'a{3,}(?:\\+)?',
      label: 'AAA',
      // AAA batteries, and AAA as the grade of cubic zirconia (a jewellery term, not a counterfeit one).
      unless: 'a{3,}\\+?\\s*(?:batter(?:y|ies)|cells?|size|(?:grade\\s+)?(?:cubic\\s+)?zircon(?:ia|s)?|cz)',
    },
    { pattern: '(?:super|high|top)[\\s-]?copy', label: 'super copy' },
    {
      pattern: 'copy',
      label: 'copy',
      // "Please do not copy our photos" protects the seller's pictures; it does not describe the item.
      unless:
        "(?:copy\\s*(?:paper|book)|photo\\s*copy|copybook|copywriting|(?:do\\s+not|don'?t|not|no)\\s+copy|copy\\s+(?:is\\s+)?not\\s+allowed)",
    },
    { pattern: 'mirror[\\s-]quality', label: 'mirror quality' },
    { pattern: 'fake', label: 'fake', unless: 'fake\\s+(?:fur|leather|plants?|flowers?|grass|eyelash(?:es)?)' },
    { pattern: 'imitation', label: 'imitation', unless: 'imitation\\s+(?:pearl|leather|jewel)' },
    { pattern: 'knock[\\s-]?offs?', label: 'knock-off' },
    { pattern: 'counterfeit', label: 'counterfeit' },
  ],
  thresholds: {
    imageWarnBelowPx: 800,
    imageBlockBelowPx: 250,
    similarTitle: 0.5,
    duplicateTitle: 0.85,
    unrelatedTitle: 0.2,
    priceRatio: 3,
    skuOutlierShare: 0.2,
    keywordRepeats: 3,
    shoutingShare: 0.6,
    feedbackDisputes: 3,
  },
};

/** The rules of `category` (most specific configured prefix wins, field by field over `default`). */
export function categoryRules(config: AuditConfig, category: string): CategoryRules {
  const segments = category.toLowerCase().split('/');
  let rules: CategoryRules = { ...config.categories.default };
  for (let depth = 1; depth <= segments.length; depth += 1) {
    const own = config.categories[segments.slice(0, depth).join('/')];
    if (own) rules = { ...rules, ...own };
  }
  return rules;
}
