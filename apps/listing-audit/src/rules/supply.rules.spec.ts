import { auditListing } from './engine';
import { cleanListing, describeRuleFamily, hitsOf, setTopBoxCase } from './spec-fixtures';
import { SUPPLY_RECOMMENDED_ACTIONS, SUPPLY_RULES, supplyIncidentActive, supplyOutOfStock } from './supply.rules';
import type { ActiveSupplyIncident } from './types';

const x36Incident: ActiveSupplyIncident = {
  incidentId: '01958a1e-6c00-7a10-8000-000000000015',
  cause: 'SUPPLIER_FAILED',
  skuIds: [],
  openedAt: '2025-03-02T09:00:00.000Z',
  expectedRestockAt: '2025-03-20T00:00:00.000Z',
};

const twoVariants = cleanListing({
  skus: [
    { skuId: 'SKU-RED', attributes: { colour: 'red' }, price: { amountMinor: 999, currency: 'USD' }, stock: 10 },
    { skuId: 'SKU-RED-BIG', attributes: { colour: 'red' }, price: { amountMinor: 1_099, currency: 'USD' }, stock: 0 },
  ],
});

describeRuleFamily('supply', SUPPLY_RULES, {
  SUPPLY_OUT_OF_STOCK: { listing: setTopBoxCase(), says: /zero stock/ },
  SUPPLY_PROCESSING_EXCEEDS_DELIVERY: {
    listing: cleanListing({ shipping: { ...cleanListing().shipping, processingDays: 25, promisedDeliveryDays: 20 } }),
    says: /25 days .* 20 days/,
  },
  SUPPLY_VARIANT_OUT_OF_STOCK: { listing: twoVariants, says: /SKU-RED-BIG has no stock/ },
  SUPPLY_INCIDENT_ACTIVE: {
    listing: cleanListing(),
    context: { supplyIncidents: [x36Incident] },
    says: /Supply incident 01958a1e-6c00-7a10-8000-000000000015 \(SUPPLIER_FAILED\) .* restock expected 2025-03-20/,
  },
});

describe('an open supply incident (issue 19)', () => {
  it('warns on the listing, names the incident, its variants and restock date, and never blocks by itself', () => {
    const outcome = auditListing(cleanListing(), {
      supplyIncidents: [{ ...x36Incident, skuIds: ['SKU-1', 'SKU-2'], expectedRestockAt: undefined }],
    });
    expect(outcome.verdict).toBe('WARN');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        ruleId: 'SUPPLY_INCIDENT_ACTIVE',
        severity: 'WARN',
        field: 'skus',
        message: expect.stringMatching(/variants SKU-1, SKU-2; no restock date given/),
        fix: expect.stringMatching(/Close the incident once restocked/),
      }),
    ]);
  });

  it('stays quiet without an open incident', () => {
    expect(hitsOf(supplyIncidentActive, setTopBoxCase(), { supplyIncidents: [] })).toEqual([]);
  });
});

describe('the set-top box case (docs/DOMAIN.md)', () => {
  it('gives the supply finding with the four recommended actions', () => {
    const outcome = auditListing(setTopBoxCase());
    expect(outcome.verdict).toBe('BLOCK');
    const finding = outcome.findings.find((candidate) => candidate.ruleId === 'SUPPLY_OUT_OF_STOCK');
    expect(finding).toMatchObject({ severity: 'BLOCK', field: 'skus.0.stock' });
    expect(SUPPLY_RECOMMENDED_ACTIONS).toHaveLength(4);
    for (const action of SUPPLY_RECOMMENDED_ACTIONS) expect(finding!.fix).toContain(action);
    expect(finding!.fix).toMatch(/extend the processing time.*apology/i);
    expect(finding!.fix).toMatch(/delist the model/i);
    expect(finding!.fix).toMatch(/refund the buyers who ordered/i);
    expect(finding!.fix).toMatch(/withdraw/i);
  });

  it('still gives the supply findings and their fixes among the seller’s other boxes, and with the processing extended', () => {
    const x36 = setTopBoxCase();
    const others = ['X96', 'T95'].map((model) => ({
      ...setTopBoxCase(),
      listingId: `L-${model}`,
      title: `${model} Android TV box, 4K, 2 GB RAM, 16 GB storage`,
      attributes: { brand: 'Generic', model, plug: 'EU' },
      images: [{ url: `https://img.example.com/${model}.jpg` }],
      skus: [
        {
          skuId: `SKU-${model}`,
          attributes: { plug: 'EU' },
          price: { amountMinor: 3_299, currency: 'USD' },
          stock: 30,
        },
      ],
    }));
    const extended = { ...x36, shipping: { ...x36.shipping, processingDays: 30, promisedDeliveryDays: 15 } };
    const outcome = auditListing(extended, { sellerListings: others });
    expect(outcome.verdict).toBe('BLOCK');
    expect(outcome.findings.map((finding) => finding.ruleId).sort()).toEqual([
      'SUPPLY_OUT_OF_STOCK',
      'SUPPLY_PROCESSING_EXCEEDS_DELIVERY',
    ]);
    for (const finding of outcome.findings) {
      for (const action of SUPPLY_RECOMMENDED_ACTIONS) expect(finding.fix).toContain(action);
    }
  });

  it('stays quiet once the model is delisted', () => {
    expect(hitsOf(supplyOutOfStock, { ...setTopBoxCase(), status: 'INACTIVE' })).toEqual([]);
  });
});
