import { SignInLimiter } from './sign-in-limiter';

describe('SignInLimiter', () => {
  it('lets an address fail `max` times in the window, then makes it wait until its oldest failure leaves it', () => {
    const limiter = new SignInLimiter(3, 60_000);
    for (const at of [0, 10_000, 20_000]) {
      expect(limiter.waitFor('10.0.0.1', at)).toBe(0);
      limiter.recordFailure('10.0.0.1', at);
    }
    expect(limiter.waitFor('10.0.0.1', 30_000)).toBe(30_000);
    expect(limiter.waitFor('10.0.0.2', 30_000)).toBe(0);
    expect(limiter.waitFor('10.0.0.1', 60_001)).toBe(0);
  });
});
