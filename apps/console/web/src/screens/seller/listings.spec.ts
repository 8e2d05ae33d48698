import {
  byIncidentUrgency,
  bySeverity,
  flagOf,
  incidentsByListing,
  orderStanding,
  withAudit,
  type AuditResult,
  type Finding,
  type IncidentOrder,
  type ListingSummary,
  type SupplyIncident,
} from './listings';

const finding = (ruleId: string, severity: Finding['severity']): Finding => ({
  ruleId,
  severity,
  field: 'title',
  message: '',
  fix: '',
});

function audit(listingId: string, verdict: AuditResult['verdict'], trigger: AuditResult['trigger']): AuditResult {
  return {
    auditId: `A-${listingId}`,
    listingId,
    sellerId: 'S-1',
    listingVersion: 1,
    trigger,
    verdict,
    score: verdict === 'BLOCK' ? 20 : 95,
    findings: [],
    auditedAt: '2026-12-01T00:00:00.000Z',
  };
}

function listing(listingId: string, latest: AuditResult | null): ListingSummary {
  const flaggedBy = flagOf(latest);
  return {
    listingId,
    listingVersion: 1,
    title: listingId,
    category: 'c',
    saleUnit: { type: 'PIECE' },
    validFrom: '2026-12-01T00:00:00.000Z',
    flagged: flaggedBy !== null,
    flaggedBy,
    audit: latest,
  };
}

function incident(id: string, listingId: string, status: 'OPEN' | 'CLOSED', openedAt: string): SupplyIncident {
  return {
    id,
    listingId,
    sellerId: 'S-1',
    skuIds: [],
    cause: 'OUT_OF_STOCK',
    expectedRestockAt: null,
    remedy: 'FULL_REFUND',
    waitUntil: null,
    status,
    declaredBy: 'seller',
    openedAt,
    updatedAt: openedAt,
    closedAt: status === 'CLOSED' ? openedAt : null,
  };
}

describe('the seller’s listings page', () => {
  it('flags as the service does: dispute feedback first, then a blocking audit', () => {
    expect(flagOf(null)).toBeNull();
    expect(flagOf(audit('L', 'PASS', 'UPSERT'))).toBeNull();
    expect(flagOf(audit('L', 'BLOCK', 'UPSERT'))).toBe('AUDIT_BLOCK');
    expect(flagOf(audit('L', 'WARN', 'DISPUTE_FEEDBACK'))).toBe('DISPUTE_FEEDBACK');
    expect(flagOf(audit('L', 'BLOCK', 'DISPUTE_FEEDBACK'))).toBe('DISPUTE_FEEDBACK');
  });

  it('replaces only the audited listing after an audit on demand, keeping the order shown', () => {
    const shown = [listing('L-1', audit('L-1', 'BLOCK', 'UPSERT')), listing('L-2', null)];
    const after = withAudit(shown, audit('L-1', 'PASS', 'MANUAL'));
    expect(after.map((item) => [item.listingId, item.flagged, item.flaggedBy, item.audit?.verdict])).toEqual([
      ['L-1', false, null, 'PASS'],
      ['L-2', false, null, undefined],
    ]);
    expect(after[1]).toBe(shown[1]);
  });

  it('shows the most severe findings first, keeping the service’s order within a severity', () => {
    const findings = [finding('A', 'INFO'), finding('B', 'BLOCK'), finding('C', 'WARN'), finding('D', 'BLOCK')];
    expect(bySeverity(findings).map((item) => item.ruleId)).toEqual(['B', 'D', 'C', 'A']);
  });

  it('says where an incident’s order stands: shipped after all first, then the refund taken, settled, waiting', () => {
    const order = (times: Partial<IncidentOrder>): IncidentOrder => ({
      orderId: 'O-1',
      buyerId: 'B-1',
      locale: 'fr',
      amount: { amountMinor: 999, currency: 'USD' },
      addedAt: '2026-12-01T00:00:00.000Z',
      noticeRequestedAt: '2026-12-01T00:00:00.000Z',
      refundOfferedAt: '2026-12-01T00:00:00.000Z',
      droppedAt: null,
      settledAt: null,
      refundAcceptedAt: null,
      ...times,
    });
    const at = '2026-12-02T00:00:00.000Z';
    expect(orderStanding(order({}))).toBe('waiting');
    expect(orderStanding(order({ settledAt: at }))).toBe('settled');
    expect(orderStanding(order({ settledAt: at, refundAcceptedAt: at }))).toBe('refundAccepted');
    expect(orderStanding(order({ droppedAt: at }))).toBe('shipped');
  });

  it('groups incidents by listing, open ones first', () => {
    const incidents = [
      incident('I-1', 'L-1', 'CLOSED', '2026-12-03T00:00:00.000Z'),
      incident('I-2', 'L-1', 'OPEN', '2026-12-01T00:00:00.000Z'),
      incident('I-3', 'L-2', 'OPEN', '2026-12-02T00:00:00.000Z'),
    ];
    expect([...incidents].sort(byIncidentUrgency).map((item) => item.id)).toEqual(['I-3', 'I-2', 'I-1']);
    const grouped = incidentsByListing(incidents);
    expect(grouped.get('L-1')?.map((item) => item.id)).toEqual(['I-2', 'I-1']);
    expect(grouped.get('L-2')?.map((item) => item.id)).toEqual(['I-3']);
  });
});
