import type { AuditConfig } from './config';
import { defineRule, type Rule } from './rule';
import { brandMatchers, inAccessoryContext } from './title.rules';

/** Counterfeit risk (docs/DOMAIN.md): terms such as replica, copy, 1:1, AAA, or a brand the seller is not authorised for. */

interface CompiledTerm {
  label: string;
  pattern: RegExp;
  unless?: RegExp;
}

const compiled = new WeakMap<AuditConfig, CompiledTerm[]>();

function compileCounterfeitTerms(config: AuditConfig): CompiledTerm[] {
  let terms = compiled.get(config);
  if (!terms) {
    const bounded = (source: string, flags: string) =>
      new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
    terms = config.counterfeitTerms.map((term) => ({
      label: term.label,
      pattern: bounded(term.pattern, 'iu'),
      unless: term.unless ? bounded(term.unless, 'giu') : undefined,
    }));
    compiled.set(config, terms);
  }
  return terms;
}

function termsIn(text: string, terms: CompiledTerm[]): string[] {
  return terms
    .filter((term) => term.pattern.test(term.unless ? text.replace(term.unless, ' ') : text))
    .map((term) => term.label);
}

export const counterfeitTermsRule = defineRule(
  {
    id: 'COUNTERFEIT_TERMS',
    family: 'counterfeit',
    severity: 'BLOCK',
    field: 'title',
    summary: 'The listing uses terms that advertise a counterfeit (replica, copy, 1:1, AAA, super copy, fake).',
    fix: 'Do not sell imitations of branded goods. If the item is original and unbranded, remove these terms.',
  },
  ({ prepared, config }) => {
    const terms = compileCounterfeitTerms(config);
    const { listing } = prepared;
    const places: [string, string][] = [
      ['title', listing.title],
      ['description', listing.description],
      ...Object.entries(listing.attributes).map(([name, value]): [string, string] => [`attributes.${name}`, value]),
    ];
    return places.flatMap(([field, text]) => {
      const found = termsIn(text, terms);
      return found.length > 0
        ? [{ field, message: `The ${field} says ${found.map((t) => `"${t}"`).join(', ')}.` }]
        : [];
    });
  },
);

export const brandUnauthorised = defineRule(
  {
    id: 'BRAND_UNAUTHORISED',
    family: 'counterfeit',
    severity: 'BLOCK',
    field: 'brand',
    summary: 'The listing sells a protected brand the seller is not authorised for.',
    fix: 'Send the brand owner\'s authorisation to the marketplace, or remove the brand (an accessory may say "compatible with <brand>").',
  },
  ({ prepared, config }) => {
    const { listing } = prepared;
    const authorised = new Set(
      (config.brandAuthorisations[listing.sellerId] ?? []).map((brand) => brand.toLowerCase()),
    );
    const hits: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    const protectedBrand = listing.brand
      ? config.protectedBrands.find((brand) => brand.toLowerCase() === listing.brand!.trim().toLowerCase())
      : undefined;
    if (protectedBrand && !authorised.has(protectedBrand.toLowerCase())) {
      seen.add(protectedBrand);
      hits.push({ field: 'brand', message: `The seller is not authorised to sell ${protectedBrand}.` });
    }
    const title = listing.title.toLowerCase();
    for (const { brand, pattern } of brandMatchers(config)) {
      if (seen.has(brand) || authorised.has(brand.toLowerCase())) continue;
      const match = pattern.exec(title);
      if (!match || inAccessoryContext(title, match.index)) continue;
      seen.add(brand);
      hits.push({ field: 'title', message: `The title names ${brand}, which the seller is not authorised to sell.` });
    }
    return hits;
  },
);

export const COUNTERFEIT_RULES: Rule[] = [counterfeitTermsRule, brandUnauthorised];
