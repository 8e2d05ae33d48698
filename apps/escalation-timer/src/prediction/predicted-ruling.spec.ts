import { evidenceChecklist } from '@settle/contracts';
import { predictRuling, promptIncident, type CaseFacts, type SupplyIncidentFact } from './predicted-ruling';

const base: CaseFacts = {
  reason: 'NOT_RECEIVED',
  subReason: 'NO_TRACKING_UPDATE',
  requested: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
  description: 'Never arrived.',
  evidence: [],
  order: {
    amount: { amountMinor: 999, currency: 'USD' },
    shippedAt: '2025-03-02T10:00:00Z',
    promisedDeliveryDays: 20,
    trackingNumber: 'RR123456789CN',
  },
  openedAt: '2025-03-24T09:00:00Z',
  sellerRespondedAt: '2025-03-24T15:00:00Z',
  sellerRespondedWithin: true,
  now: new Date('2025-03-30T09:00:00Z'),
};

describe('predicted ruling on docs/DOMAIN.md’s examples', () => {
  it('NOT_RECEIVED with the carrier saying delivered, with proof: the seller likely wins, citing the tracking', () => {
    const prediction = predictRuling({
      ...base,
      tracking: {
        status: 'DELIVERED',
        deliveredAt: '2025-03-12T15:30:00Z',
        proof: { kind: 'SIGNATURE', reference: 'M. Dupont' },
      },
    });
    expect(prediction.outcome).toBe('SELLER_FAVOUR');
    expect(prediction.confidence).toBeGreaterThanOrEqual(0.8);
    expect(prediction.facts.map((fact) => fact.code)).toEqual(['DELIVERED_WITH_PROOF', 'SELLER_ANSWERED_IN_TIME']);
    expect(prediction.citations[0]).toMatchObject({ kind: 'TRACKING', ref: 'RR123456789CN' });
    expect(prediction.suggestedResolution).toEqual({ type: 'NO_REFUND' });
  });

  it('NOT_AS_DESCRIBED where the listing audit had flagged the very attribute: the buyer likely wins, citing the finding', () => {
    const prediction = predictRuling({
      ...base,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DIFFERENT_FROM_LISTING',
      requested: { type: 'RETURN_AND_REFUND', refund: { amountMinor: 999, currency: 'USD' } },
      description: 'The material is polyester, not cotton as the listing said.',
      evidence: [{ evidenceId: '01958a1e-6c00-7a10-8000-0000000000f1', kind: 'PHOTO' }],
      audit: {
        findings: [
          { ruleId: 'IMAGE_TOO_SMALL', severity: 'WARN', field: 'images.0', message: 'small' },
          {
            ruleId: 'ATTRIBUTE_TITLE_MISMATCH',
            severity: 'WARN',
            field: 'attributes.material',
            message: 'title says cotton',
          },
        ],
      },
    });
    expect(prediction.outcome).toBe('RETURN_AND_REFUND');
    expect(prediction.confidence).toBeGreaterThanOrEqual(0.8);
    expect(prediction.facts[0]).toMatchObject({
      code: 'AUDIT_FLAGGED_ATTRIBUTE',
      favours: 'BUYER',
      citation: { kind: 'AUDIT_FINDING', ref: 'ATTRIBUTE_TITLE_MISMATCH', note: 'attributes.material' },
    });
    expect(prediction.citations).toContainEqual({
      kind: 'EVIDENCE',
      ref: '01958a1e-6c00-7a10-8000-0000000000f1',
      note: 'PHOTO',
    });
  });

  it('COUNTERFEIT: the buyer wins and the seller is penalised', () => {
    const prediction = predictRuling({
      ...base,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'COUNTERFEIT',
      sellerRespondedAt: null,
    });
    expect(prediction).toMatchObject({ outcome: 'REFUND_BUYER', sellerPenalised: true });
    expect(prediction.facts.map((fact) => fact.code)).toEqual(['COUNTERFEIT', 'SELLER_NEVER_ANSWERED']);
    expect(prediction.citations[0]).toEqual({ kind: 'POLICY_RULE', ref: 'NAD-COUNTERFEIT' });
  });

  it('the seller’s response time counts: a seller who never answered loses confidence it would win', () => {
    const delivered = { status: 'DELIVERED', deliveredAt: '2025-03-12T15:30:00Z', proof: null };
    const answered = predictRuling({ ...base, tracking: delivered });
    const silent = predictRuling({
      ...base,
      tracking: delivered,
      sellerRespondedAt: null,
      sellerRespondedWithin: null,
    });
    expect(silent.confidence).toBeLessThan(answered.confidence);
    expect(silent.facts.map((fact) => fact.code)).toContain('SELLER_NEVER_ANSWERED');
  });

  it('NOT_RECEIVED with no delivery after the promised time, and a parcel returned to sender: the buyer wins', () => {
    expect(predictRuling(base).outcome).toBe('REFUND_BUYER');
    expect(predictRuling({ ...base, tracking: { status: 'RETURNED_TO_SENDER' } }).facts[0]?.code).toBe(
      'RETURNED_TO_SENDER',
    );
    const early = predictRuling({ ...base, now: new Date('2025-03-10T00:00:00Z') });
    expect(early.facts[0]).toMatchObject({
      code: 'WITHIN_PROMISED_DELIVERY',
      citation: { kind: 'POLICY_RULE', ref: 'NOT_RECEIVED_IN_TRANSIT' },
    });
  });

  it('a sale the seller refused: the buyer is refunded as asked', () => {
    const prediction = predictRuling({ ...base, reason: 'SELLER_REFUSED_SALE', subReason: 'ASKED_FOR_MORE_MONEY' });
    expect(prediction.outcome).toBe('REFUND_BUYER');
    expect(prediction.suggestedResolution).toEqual({ type: 'REFUND_ONLY', refund: base.requested.refund });
    expect(prediction.facts.map((fact) => fact.code)).not.toContain('AUDIT_FLAGGED_SALE_UNIT');
  });

  it('a refused sale on a listing the audit had flagged for its sale unit cites the finding (the tassel-pendant case)', () => {
    const prediction = predictRuling({
      ...base,
      reason: 'SELLER_REFUSED_SALE',
      subReason: 'ASKED_FOR_MORE_MONEY',
      audit: {
        findings: [
          {
            ruleId: 'SALE_UNIT_PRICE_MISMATCH',
            severity: 'BLOCK',
            field: 'saleUnit',
            message: 'lot priced like a piece',
          },
        ],
      },
    });
    expect(prediction.outcome).toBe('REFUND_BUYER');
    expect(prediction.citations).toContainEqual({
      kind: 'AUDIT_FINDING',
      ref: 'SALE_UNIT_PRICE_MISMATCH',
      note: 'saleUnit',
    });
    expect(prediction.confidence).toBeGreaterThan(
      predictRuling({ ...base, reason: 'SELLER_REFUSED_SALE', subReason: 'ASKED_FOR_MORE_MONEY' }).confidence,
    );
  });

  it('counts evidence the checklist expects and nobody provided as a fact against that party, with its citation', () => {
    const without = predictRuling({ ...base, evidenceChecklist: evidenceChecklist('NO_TRACKING_UPDATE', []) });
    const missing = without.facts.find((fact) => fact.code === 'SELLER_EVIDENCE_MISSING');
    expect(missing).toMatchObject({
      favours: 'BUYER',
      citation: { kind: 'POLICY_RULE', ref: 'evidence-checklist:NO_TRACKING_UPDATE:SELLER_PROOF_OF_POSTING' },
    });
    expect(without.citations).toContainEqual(missing!.citation);
    // It weighs against the seller: the buyer's likely refund is surer than without the checklist.
    expect(without.outcome).toBe('REFUND_BUYER');
    expect(without.confidence).toBeGreaterThan(predictRuling(base).confidence);

    const provided = predictRuling({
      ...base,
      evidenceChecklist: evidenceChecklist('NO_TRACKING_UPDATE', [
        { evidenceId: '01958a1e-6c00-7a10-8000-0000000000f2', kind: 'TRACKING', role: 'SELLER' },
      ]),
    });
    expect(provided.facts.map((fact) => fact.code)).not.toContain('SELLER_EVIDENCE_MISSING');
    expect(provided.confidence).toBe(predictRuling(base).confidence);
  });

  it('missing buyer photos weigh against the buyer of a NOT_AS_DESCRIBED dispute', () => {
    const facts: CaseFacts = {
      ...base,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'QUALITY',
      description: 'Poor stitching.',
    };
    const prediction = predictRuling({
      ...facts,
      evidenceChecklist: evidenceChecklist('QUALITY', [
        { evidenceId: '01958a1e-6c00-7a10-8000-0000000000f3', kind: 'DOCUMENT', role: 'SELLER' },
      ]),
    });
    expect(prediction.outcome).toBe('SELLER_FAVOUR');
    expect(prediction.facts.filter((fact) => fact.code.endsWith('_EVIDENCE_MISSING'))).toEqual([
      expect.objectContaining({
        code: 'BUYER_EVIDENCE_MISSING',
        favours: 'SELLER',
        citation: expect.objectContaining({ ref: 'evidence-checklist:QUALITY:BUYER_ITEM_PHOTOS' }),
      }),
    ]);
    expect(prediction.confidence).toBeGreaterThan(predictRuling(facts).confidence);
  });
});

describe('a seller’s prompt supply incident (issue 19, docs/DOMAIN.md X36)', () => {
  const refusedSale: CaseFacts = {
    ...base,
    reason: 'SELLER_REFUSED_SALE',
    subReason: 'OUT_OF_STOCK',
    order: { ...base.order, shippedAt: undefined, trackingNumber: undefined },
    openedAt: '2025-03-10T09:00:00Z',
  };
  const incident = (openedAt: string, patch: Partial<SupplyIncidentFact> = {}): SupplyIncidentFact => ({
    incidentId: '01958a1e-6c00-7a10-8000-000000000015',
    cause: 'SUPPLIER_FAILED',
    remedy: 'FULL_REFUND',
    openedAt,
    closedAt: null,
    ...patch,
  });

  it('declared before the dispute: a fact for the seller’s good faith, cited by the incident, the buyer still refunded', () => {
    const without = predictRuling(refusedSale);
    const prediction = predictRuling({ ...refusedSale, supplyIncidents: [incident('2025-03-08T09:00:00Z')] });
    expect(prediction.outcome).toBe(without.outcome);
    expect(prediction.sellerPenalised).toBe(false);
    expect(prediction.facts).toContainEqual({
      code: 'SUPPLY_INCIDENT_DECLARED',
      statement: expect.stringMatching(/SUPPLIER_FAILED.*48 h before the dispute was opened.*full refund.*good faith/),
      favours: 'SELLER',
      citation: {
        kind: 'POLICY_RULE',
        ref: 'supply-incident:01958a1e-6c00-7a10-8000-000000000015',
        note: 'declared 48 h before the dispute was opened; FULL_REFUND',
      },
    });
    expect(prediction.citations).toContainEqual(
      expect.objectContaining({ ref: 'supply-incident:01958a1e-6c00-7a10-8000-000000000015' }),
    );
  });

  it('declared within 24 h after the dispute counts (the 24th hour included); later does not', () => {
    const codes = (openedAt: string) =>
      predictRuling({ ...refusedSale, supplyIncidents: [incident(openedAt)] }).facts.map((fact) => fact.code);
    expect(codes('2025-03-10T20:00:00Z')).toContain('SUPPLY_INCIDENT_DECLARED');
    expect(codes('2025-03-11T09:00:00Z')).toContain('SUPPLY_INCIDENT_DECLARED');
    expect(codes('2025-03-11T09:00:01Z')).not.toContain('SUPPLY_INCIDENT_DECLARED');
    expect(promptIncident([incident('2025-03-11T09:00:00Z')], '2025-03-10T09:00:00Z')).toBeDefined();
    expect(promptIncident([incident('2025-03-11T09:00:00.001Z')], '2025-03-10T09:00:00Z')).toBeUndefined();
  });

  it('an incident closed (restocked) before the dispute was opened is not cited; the first prompt one is', () => {
    const closed = incident('2025-03-01T09:00:00Z', { incidentId: 'closed', closedAt: '2025-03-05T09:00:00Z' });
    expect(promptIncident([closed], refusedSale.openedAt)).toBeUndefined();
    const open = incident('2025-03-10T12:00:00Z', { remedy: 'WAIT_UNTIL', waitUntil: '2025-04-01T00:00:00Z' });
    const prediction = predictRuling({ ...refusedSale, supplyIncidents: [closed, open] });
    const fact = prediction.facts.find((candidate) => candidate.code === 'SUPPLY_INCIDENT_DECLARED');
    expect(fact?.statement).toMatch(/3 h after the dispute was opened.*wait until 2025-04-01T00:00:00Z/);
    expect(fact?.citation.note).toBe('declared 3 h after the dispute was opened; WAIT_UNTIL');
  });

  it('without incidents the prediction is what it was', () => {
    expect(predictRuling({ ...refusedSale, supplyIncidents: [] })).toEqual(predictRuling(refusedSale));
  });
});
