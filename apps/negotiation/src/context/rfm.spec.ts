import { rfmOf, Segment, totalPaid } from './rfm';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const now = new Date('2026-06-01T00:00:00Z');

describe('buyer RFM with one seller', () => {
  it('has no history without orders', () => {
    expect(rfmOf([], [], now, {})).toMatchObject({
      segment: Segment.NO_HISTORY,
      recencyDays: null,
      frequency: 0,
      monetary: [],
    });
  });

  it('scores a loyal, recent, big-spending buyer', () => {
    const orders = Array.from({ length: 6 }, (_, n) => ({
      paidAt: `2026-05-${String(10 + n).padStart(2, '0')}T00:00:00Z`,
      amount: usd(5_000),
    }));
    const rfm = rfmOf(orders, [], now, { USD: 2_500 });
    expect(rfm).toMatchObject({
      segment: Segment.LOYAL,
      recencyDays: 17,
      frequency: 6,
      monetary: [usd(30_000)],
      flags: [],
    });
    expect(rfm.scores).toEqual({ recency: 5, frequency: 4, monetary: 5 });
  });

  it('flags a buyer who disputes most orders, and mostly loses', () => {
    const orders = [
      { paidAt: '2026-05-01T00:00:00Z', amount: usd(1_000) },
      { paidAt: '2026-05-20T00:00:00Z', amount: usd(1_000) },
    ];
    const rfm = rfmOf(
      orders,
      [
        { status: 'RESOLVED', inFavourOf: 'SELLER' },
        { status: 'RESOLVED', inFavourOf: 'SELLER' },
      ],
      now,
      { USD: 1_000 },
    );
    expect(rfm.segment).toBe(Segment.REPEAT);
    expect(rfm.flags).toEqual(['FREQUENT_DISPUTES', 'MOSTLY_UNFOUNDED_DISPUTES']);
    expect(rfm.disputeRate).toBe(1);
  });

  it('keeps each currency apart and never converts', () => {
    expect(
      totalPaid([
        { paidAt: '', amount: usd(100) },
        { paidAt: '', amount: { amountMinor: 1500, currency: 'JPY' } },
        { paidAt: '', amount: usd(50) },
      ]),
    ).toEqual([{ amountMinor: 1500, currency: 'JPY' }, usd(150)]);
  });

  it('calls a buyer lapsed after half a year', () => {
    expect(rfmOf([{ paidAt: '2025-10-01T00:00:00Z', amount: usd(100) }], [], now, {}).segment).toBe(Segment.LAPSED);
  });
});
