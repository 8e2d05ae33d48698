import type { Money } from '@settle/contracts/money';
import { categoryRules, type AuditConfig, type CategoryRules } from './config';
import { median, productWords, tokens } from './text';
import type { AuditContext, AuditedListing, RuleDefinition, RuleHit } from './types';

/** A listing with what several rules need computed once. */
export interface PreparedListing {
  listing: AuditedListing;
  category: CategoryRules;
  title: string;
  /** Title and description, lower case: where claims, quantities and counterfeit terms are looked for. */
  text: string;
  titleTokens: string[];
  productWords: Set<string>;
  /** The median variant price: one cheap variant (a rule of its own) does not skew the unit price. */
  price: Money;
  lowestPrice: Money;
  /** Pieces one sale unit holds. */
  pieces: number;
}

export interface RuleInput {
  prepared: PreparedListing;
  context: AuditContext;
  config: AuditConfig;
}

export interface Rule extends RuleDefinition {
  check(input: RuleInput): RuleHit[];
}

export function defineRule(definition: RuleDefinition, check: (input: RuleInput) => RuleHit[]): Rule {
  return { ...definition, check };
}

const categoryCache = new WeakMap<AuditConfig, Map<string, CategoryRules>>();

function cachedCategoryRules(config: AuditConfig, category: string): CategoryRules {
  let byCategory = categoryCache.get(config);
  if (!byCategory) categoryCache.set(config, (byCategory = new Map<string, CategoryRules>()));
  let rules = byCategory.get(category);
  if (!rules) byCategory.set(category, (rules = categoryRules(config, category)));
  return rules;
}

export function prepareListing(listing: AuditedListing, config: AuditConfig): PreparedListing {
  const currency = listing.skus[0]?.price.currency ?? listing.shipping.fee.currency;
  const amounts = listing.skus.filter((sku) => sku.price.currency === currency).map((sku) => sku.price.amountMinor);
  return {
    listing,
    category: cachedCategoryRules(config, listing.category),
    title: listing.title,
    text: `${listing.title}\n${listing.description}`.toLowerCase(),
    titleTokens: tokens(listing.title),
    productWords: productWords(listing.title),
    price: { amountMinor: Math.round(median(amounts) ?? 0), currency },
    lowestPrice: { amountMinor: amounts.length > 0 ? Math.min(...amounts) : 0, currency },
    pieces: listing.saleUnit.type === 'LOT' ? (listing.saleUnit.piecesPerLot ?? 1) : 1,
  };
}
