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
  /** Attribute names every listing of the category must carry (synonyms are accepted, see ATTRIBUTE_SYNONYMS). */
  requiredAttributes: string[];
  minImages: number;
  titleMinLength: number;
  titleMaxLength: number;
  /** Plausible single-piece prices per currency; a price outside is a warning, not proof. */
  piecePriceBands: Record<string, PriceBand>;
  /** A shipping fee above this multiple of the cheapest variant looks like a price moved into shipping. */
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

/** Attribute names that mean the same thing, first the canonical one. */
export const ATTRIBUTE_SYNONYMS: readonly string[][] = [
  ['colour', 'color', 'colours', 'colors'],
  ['material', 'fabric', 'materials'],
  ['size', 'sizes', 'dimensions'],
  ['brand', 'make'],
  ['model', 'model number', 'model_number', 'modelnumber'],
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
    'denim',
    'velvet',
    'satin',
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
    jewellery: {
      requiredAttributes: ['material', 'colour'],
      piecePriceBands: { USD: { minMinor: 20, maxMinor: 500_000 }, EUR: { minMinor: 20, maxMinor: 500_000 } },
    },
    'jewellery/pendants': {
      requiredAttributes: ['material', 'colour', 'length'],
      piecePriceBands: { USD: { minMinor: 30, maxMinor: 200_000 }, EUR: { minMinor: 30, maxMinor: 200_000 } },
    },
    apparel: {
      requiredAttributes: ['material', 'colour', 'size'],
      piecePriceBands: { USD: { minMinor: 100, maxMinor: 100_000 }, EUR: { minMinor: 100, maxMinor: 100_000 } },
    },
    electronics: {
      requiredAttributes: ['brand', 'model'],
      piecePriceBands: { USD: { minMinor: 100, maxMinor: 500_000 }, EUR: { minMinor: 100, maxMinor: 500_000 } },
    },
    'electronics/set-top-boxes': {
      requiredAttributes: ['brand', 'model', 'plug'],
      piecePriceBands: { USD: { minMinor: 1_000, maxMinor: 50_000 }, EUR: { minMinor: 1_000, maxMinor: 50_000 } },
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
    { pattern: 'a{3,}(?:\\+)?', label: 'AAA', unless: 'a{3,}\\s*(?:batter(?:y|ies)|cells?|size)' },
    { pattern: '(?:super|high|top)[\\s-]?copy', label: 'super copy' },
    { pattern: 'copy', label: 'copy', unless: '(?:copy\\s*(?:paper|book)|photo\\s*copy|copybook|copywriting)' },
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
