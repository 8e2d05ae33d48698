import { computeSellerMetrics, median, type MetricsEvent } from './seller-metrics';

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
