import { computeSellerMetrics, incidentMetrics, median, type MetricsEvent } from './seller-metrics';

const t = (hours: number) => new Date(Date.UTC(2025, 6, 11) + hours * 3_600_000);
const e = (disputeId: string, type: string, hours: number, data: Record<string, unknown> = {}): MetricsEvent => ({
  disputeId,
  type,
  occurredAt: t(hours),
  data,
});

describe('computeSellerMetrics', () => {
  it('computes each metric of docs/DOMAIN.md from the events of the cohort', () => {
    const events = [
      e('a', 'dispute.opened', 0),
      e('a', 'dispute.seller_responded', 10, { withinDeadline: true }),
      e('a', 'dispute.seller_responded', 30, { withinDeadline: true }),
      e('a', 'dispute.resolved', 30, { resolution: { by: 'AGREEMENT', inFavourOf: 'BUYER' } }),
      e('b', 'dispute.opened', 0),
      e('b', 'dispute.auto_accepted', 120),
      e('b', 'dispute.resolved', 120, { resolution: { by: 'AUTO', inFavourOf: 'BUYER' } }),
      e('c', 'dispute.opened', 0),
      e('c', 'dispute.seller_responded', 130, { withinDeadline: false }),
      e('c', 'dispute.escalated', 140),
      e('c', 'dispute.ruled', 150, { ruling: { outcome: 'PARTIAL_REFUND' } }),
      e('c', 'dispute.resolved', 150, { resolution: { by: 'RULING', inFavourOf: 'SHARED' } }),
      e('d', 'dispute.opened', 0),
      e('d', 'dispute.escalated', 100),
      e('d', 'dispute.ruled', 110, { ruling: { outcome: 'SELLER_FAVOUR' } }),
      e('d', 'dispute.resolved', 110, { resolution: { by: 'RULING', inFavourOf: 'SELLER' } }),
      // Events of a dispute opened before the window are not in the cohort (no dispute.opened here).
      e('old', 'dispute.escalated', 5),
    ];
    expect(computeSellerMetrics(events, 40)).toEqual({
      shippedOrders: 40,
      disputes: 4,
      disputeRate: 0.1,
      escalated: 2,
      escalationRate: 0.5,
      rulingsAgainstSeller: 1,
      sellerAtFaultRate: 0.25,
      closedWithoutSellerResolution: 2,
      closedWithoutSellerResolutionRate: 0.05,
      firstResponses: 2,
      medianFirstResponseSeconds: 70 * 3600,
      responsesDue: 3,
      answeredWithinDeadline: 1,
      answeredWithinDeadlineShare: 1 / 3,
    });
  });

  it('gives null rates when there is nothing to divide by', () => {
    expect(computeSellerMetrics([], 0)).toMatchObject({
      disputes: 0,
      disputeRate: null,
      escalationRate: null,
      medianFirstResponseSeconds: null,
      answeredWithinDeadlineShare: null,
    });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('disputes avoided by supply incidents (issue 19)', () => {
  const offeredAt = new Date('2025-07-10T09:00:00Z');
  const before = new Date('2025-07-09T09:00:00Z');
  const after = new Date('2025-07-11T09:00:00Z');
  const order = (orderId: string) => ({ orderId, offeredAt });
  const event = (orderId: string, disputeId: string, type: string, occurredAt: Date) => ({
    orderId,
    disputeId,
    type,
    occurredAt,
  });

  it('counts orders with no dispute, and disputes opened before the offer then withdrawn or agreed after it', () => {
    const metrics = incidentMetrics(
      [order('O-QUIET'), order('O-WITHDRAWN'), order('O-AGREED')],
      [
        event('O-WITHDRAWN', 'D-1', 'dispute.opened', before),
        event('O-WITHDRAWN', 'D-1', 'dispute.cancelled', after),
        event('O-AGREED', 'D-2', 'dispute.opened', before),
        event('O-AGREED', 'D-2', 'dispute.agreed', after),
      ],
    );
    expect(metrics).toEqual({ incidentOrders: 3, disputesAvoidedByIncidents: 3 });
  });

  it('does not count a dispute opened after the offer, still open, escalated, auto-accepted, or settled before the offer', () => {
    const metrics = incidentMetrics(
      [order('O-LATE'), order('O-OPEN'), order('O-ESCALATED'), order('O-AUTO'), order('O-EARLIER')],
      [
        event('O-LATE', 'D-1', 'dispute.opened', after),
        event('O-LATE', 'D-1', 'dispute.cancelled', after),
        event('O-OPEN', 'D-2', 'dispute.opened', before),
        event('O-ESCALATED', 'D-3', 'dispute.opened', before),
        event('O-ESCALATED', 'D-3', 'dispute.escalated', after),
        event('O-ESCALATED', 'D-3', 'dispute.agreed', after),
        event('O-AUTO', 'D-4', 'dispute.opened', before),
        event('O-AUTO', 'D-4', 'dispute.auto_accepted', after),
        event('O-EARLIER', 'D-5', 'dispute.opened', before),
        event('O-EARLIER', 'D-5', 'dispute.agreed', before),
      ],
    );
    expect(metrics).toEqual({ incidentOrders: 5, disputesAvoidedByIncidents: 0 });
  });

  it('an order with a withdrawn dispute and a later one is not avoided; no orders, nothing counted', () => {
    expect(
      incidentMetrics(
        [order('O-1')],
        [
          event('O-1', 'D-1', 'dispute.opened', before),
          event('O-1', 'D-1', 'dispute.cancelled', after),
          event('O-1', 'D-2', 'dispute.opened', after),
        ],
      ),
    ).toEqual({ incidentOrders: 1, disputesAvoidedByIncidents: 0 });
    expect(incidentMetrics([], [])).toEqual({ incidentOrders: 0, disputesAvoidedByIncidents: 0 });
  });
});
