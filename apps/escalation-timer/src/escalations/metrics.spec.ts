import { escalationMetrics, percentile, sellerMetrics } from './metrics';

const t = (hours: number) => new Date(Date.UTC(2025, 2, 1) + hours * 3_600_000);

describe('staff service levels', () => {
  it('time to ruling p50/p90, overdue share and agreed-after-escalation, per staff member and overall', () => {
    const rows = [
      {
        status: 'RULED',
        escalatedAt: t(0),
        dueAt: t(48),
        claimedBy: 'A',
        ruledBy: 'A',
        ruledAt: t(10),
        agreedAfterEscalation: false,
      },
      {
        status: 'RULED',
        escalatedAt: t(0),
        dueAt: t(48),
        claimedBy: 'A',
        ruledBy: 'A',
        ruledAt: t(60),
        agreedAfterEscalation: false,
      },
      {
        status: 'RULED',
        escalatedAt: t(0),
        dueAt: t(48),
        claimedBy: 'B',
        ruledBy: 'B',
        ruledAt: t(20),
        agreedAfterEscalation: false,
      },
      {
        status: 'CLOSED',
        escalatedAt: t(0),
        dueAt: t(48),
        claimedBy: null,
        ruledBy: null,
        ruledAt: null,
        agreedAfterEscalation: true,
      },
      {
        status: 'OPEN',
        escalatedAt: t(0),
        dueAt: t(48),
        claimedBy: null,
        ruledBy: null,
        ruledAt: null,
        agreedAfterEscalation: false,
      },
    ];
    const metrics = escalationMetrics(rows, '30d', t(-720), t(100));
    expect(metrics.overall).toEqual({
      escalations: 5,
      ruled: 3,
      timeToRulingMs: { p50: 20 * 3_600_000, p90: 60 * 3_600_000 },
      overdueShare: 0.4, // ruled late once, still open past the SLA once
      agreedAfterEscalationShare: 0.2,
    });
    expect(
      metrics.perStaff.map((staff) => [staff.staffId, staff.ruled, staff.timeToRulingMs.p50, staff.overdueShare]),
    ).toEqual([
      ['A', 2, 10 * 3_600_000, 0.5],
      ['B', 1, 20 * 3_600_000, 0],
    ]);
  });

  it('percentiles by nearest rank; none without data', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});

describe('seller metrics from the dispute projection', () => {
  it('escalation and at-fault rates, median first response, share answered within the deadline', () => {
    const metrics = sellerMetrics(
      [
        {
          openedAt: t(0),
          escalatedAt: t(100),
          sellerFirstRespondedAt: null,
          sellerRespondedWithin: null,
          resolution: { by: 'RULING', inFavourOf: 'BUYER' },
        },
        {
          openedAt: t(0),
          escalatedAt: null,
          sellerFirstRespondedAt: t(2),
          sellerRespondedWithin: true,
          resolution: null,
        },
        {
          openedAt: t(0),
          escalatedAt: null,
          sellerFirstRespondedAt: t(6),
          sellerRespondedWithin: true,
          resolution: null,
        },
        {
          openedAt: t(0),
          escalatedAt: null,
          sellerFirstRespondedAt: t(130),
          sellerRespondedWithin: false,
          resolution: null,
        },
      ],
      90,
    );
    expect(metrics).toEqual({
      windowDays: 90,
      disputes: 4,
      escalationRate: 0.25,
      sellerAtFaultRate: 0.25,
      medianFirstResponseMs: 6 * 3_600_000,
      answeredWithinDeadlineShare: 0.5,
    });
  });
});
