import { adviceFor, excess, improveFirst, standardOf, standing, type Metrics } from './standards';

const none: Metrics = {
  closedWithoutSellerResolutionRate: null,
  answeredWithinDeadlineShare: null,
  sellerAtFaultRate: null,
  escalationRate: null,
  disputeRate: null,
};

const good: Metrics = {
  closedWithoutSellerResolutionRate: 0.002,
  answeredWithinDeadlineShare: 1,
  sellerAtFaultRate: 0,
  escalationRate: 0.05,
  disputeRate: 0.004,
};

describe('a metric against its standard', () => {
  it('reads the domain’s figures: 2 % closed without the seller, 0.5 % for top sellers', () => {
    const closed = standardOf('closedWithoutSellerResolutionRate');
    expect(standing(closed, 0.004)).toBe('top');
    expect(standing(closed, 0.005)).toBe('top');
    expect(standing(closed, 0.02)).toBe('meets');
    expect(standing(closed, 0.021)).toBe('misses');
    expect(standing(closed, null)).toBe('unknown');
  });

  it('holds a share answered in time to at least its limit', () => {
    const answered = standardOf('answeredWithinDeadlineShare');
    expect(standing(answered, 0.9)).toBe('meets');
    expect(standing(answered, 0.89)).toBe('misses');
  });

  it('measures how far past the limit relative to the room it leaves', () => {
    expect(excess(standardOf('disputeRate'), 0.04)).toBeCloseTo(1);
    expect(excess(standardOf('answeredWithinDeadlineShare'), 0.7)).toBeCloseTo(2);
    expect(excess(standardOf('escalationRate'), 0)).toBeCloseTo(-1);
    expect(excess(standardOf('answeredWithinDeadlineShare'), 1)).toBeCloseTo(-1);
  });
});

describe('what to improve first', () => {
  it('says nothing can be measured yet when every rate is null', () => {
    expect(improveFirst(none)).toEqual({ kind: 'noData' });
  });

  it('keeps going when everything is well inside its standard', () => {
    expect(improveFirst(good)).toEqual({ kind: 'keep' });
  });

  it('names the one metric that misses', () => {
    expect(improveFirst({ ...good, escalationRate: 0.3 })).toEqual({
      kind: 'improve',
      metric: 'escalationRate',
      value: 0.3,
      limit: 0.2,
    });
  });

  it('names the metric furthest past its standard, not the one with the largest number', () => {
    // 40 % escalated is twice its limit; 3 % closed without the seller is one and a half times its own.
    const advice = improveFirst({ ...good, escalationRate: 0.4, closedWithoutSellerResolutionRate: 0.03 });
    expect(advice).toMatchObject({ kind: 'improve', metric: 'escalationRate' });
    // Answering 50 % in time leaves five times the allowed share late: that comes first.
    expect(improveFirst({ ...good, escalationRate: 0.4, answeredWithinDeadlineShare: 0.5 })).toMatchObject({
      kind: 'improve',
      metric: 'answeredWithinDeadlineShare',
    });
  });

  it('breaks a tie by the standards’ order: a defect before a dispute rate', () => {
    expect(improveFirst({ ...good, disputeRate: 0.04, closedWithoutSellerResolutionRate: 0.04 })).toMatchObject({
      kind: 'improve',
      metric: 'closedWithoutSellerResolutionRate',
    });
  });

  it('ignores what was not measured and judges the rest', () => {
    expect(improveFirst({ ...none, sellerAtFaultRate: 0.25 })).toEqual({
      kind: 'improve',
      metric: 'sellerAtFaultRate',
      value: 0.25,
      limit: 0.1,
    });
    expect(improveFirst({ ...none, escalationRate: 0 })).toEqual({ kind: 'keep' });
  });

  it('asks to watch a metric that meets its standard only just', () => {
    expect(improveFirst({ ...good, sellerAtFaultRate: 0.09 })).toEqual({
      kind: 'watch',
      metric: 'sellerAtFaultRate',
      value: 0.09,
      limit: 0.1,
    });
    expect(improveFirst({ ...good, sellerAtFaultRate: 0.1 })).toMatchObject({ kind: 'watch' });
    expect(improveFirst({ ...good, sellerAtFaultRate: 0.07 })).toEqual({ kind: 'keep' });
  });
});

describe('which window speaks', () => {
  it('is the last 30 days, or 90 when the last 30 measured nothing', () => {
    expect(adviceFor({ '30d': { ...none, escalationRate: 0.5 }, '90d': good })).toEqual({
      window: '30d',
      advice: { kind: 'improve', metric: 'escalationRate', value: 0.5, limit: 0.2 },
    });
    expect(adviceFor({ '30d': none, '90d': { ...none, disputeRate: 0.05 } })).toMatchObject({
      window: '90d',
      advice: { kind: 'improve', metric: 'disputeRate' },
    });
    expect(adviceFor({ '30d': none, '90d': none })).toEqual({ window: '90d', advice: { kind: 'noData' } });
  });
});
