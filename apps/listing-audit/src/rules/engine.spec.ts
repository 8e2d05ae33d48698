import { auditListing, RULES, ruleCatalogue, scoreOf, verdictOf } from './engine';
import { cleanContext, cleanListing, setTopBoxCase } from './spec-fixtures';
import type { Finding } from './types';

const finding = (severity: Finding['severity']): Finding => ({
  ruleId: 'X',
  severity,
  field: 'title',
  message: 'm',
  fix: 'f',
});

describe('rule engine', () => {
  it('passes the clean listing with a score of 100', () => {
    const listing = cleanListing();
    expect(auditListing(listing, cleanContext(listing))).toEqual({ verdict: 'PASS', score: 100, findings: [] });
  });

  it('gives BLOCK when any finding blocks, WARN when any warns, and INFO never changes the verdict', () => {
    expect(verdictOf([finding('INFO'), finding('WARN')])).toBe('WARN');
    expect(verdictOf([finding('INFO'), finding('BLOCK'), finding('WARN')])).toBe('BLOCK');
    expect(verdictOf([finding('INFO')])).toBe('PASS');
  });

  it('scores 100 minus 40 per BLOCK, 10 per WARN and 2 per INFO, never below 0', () => {
    expect(scoreOf([finding('BLOCK'), finding('WARN'), finding('INFO')])).toBe(48);
    expect(scoreOf([finding('BLOCK'), finding('BLOCK'), finding('BLOCK')])).toBe(0);
  });

  it('lists the most severe findings first', () => {
    const outcome = auditListing({
      ...setTopBoxCase(),
      title: 'TV BOX!!',
      skus: [
        { skuId: 'A', attributes: {}, price: { amountMinor: 3_499, currency: 'USD' }, stock: 0 },
        { skuId: 'B', attributes: {}, price: { amountMinor: 3_599, currency: 'USD' }, stock: 0 },
      ],
    });
    const severities = outcome.findings.map((entry) => entry.severity);
    expect(severities).toEqual(
      [...severities].sort((a, b) => ['BLOCK', 'WARN', 'INFO'].indexOf(a) - ['BLOCK', 'WARN', 'INFO'].indexOf(b)),
    );
    expect(outcome.verdict).toBe('BLOCK');
  });

  it('has a catalogue of unique stable ids covering every rule family of docs/DOMAIN.md', () => {
    const catalogue = ruleCatalogue();
    expect(new Set(catalogue.map((rule) => rule.id)).size).toBe(RULES.length);
    expect(new Set(catalogue.map((rule) => rule.family))).toEqual(
      new Set([
        'image',
        'attributes',
        'title',
        'sale-unit',
        'pricing',
        'supply',
        'counterfeit',
        'duplicates',
        'dispute-feedback',
      ]),
    );
    for (const rule of catalogue)
      expect(Object.keys(rule).sort()).toEqual(['family', 'field', 'fix', 'id', 'severity', 'summary']);
  });
});
