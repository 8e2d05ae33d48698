import { decideAfterAttempt, parseSchedule, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = {
  delaysMs: parseSchedule('PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H'),
  jitter: 0.1,
  disableAfterMs: 5 * 86_400_000,
};
const now = new Date('2026-01-01T00:00:00Z');

describe('webhook retry policy', () => {
  it('parses the contract schedule', () => {
    expect(policy.delaysMs).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
  });

  it('succeeds on any 2xx and disables on 410', () => {
    expect(decideAfterAttempt(policy, 1, { statusCode: 204 }, null, now, 0.5)).toEqual({ outcome: 'SUCCEEDED' });
    expect(decideAfterAttempt(policy, 3, { statusCode: 410 }, null, now, 0.5)).toEqual({
      outcome: 'FAILED',
      disableEndpoint: 'GONE',
    });
  });

  it('retries on the schedule with up to 10% jitter, then fails', () => {
    const first = decideAfterAttempt(policy, 1, { statusCode: 500 }, null, now, 0);
    expect(first).toEqual({ outcome: 'RETRY', nextAttemptAt: new Date(now.getTime() + 5_000) });
    const jittered = decideAfterAttempt(policy, 2, { error: 'timeout' }, now, now, 0.999);
    expect(jittered.outcome === 'RETRY' && jittered.nextAttemptAt.getTime() - now.getTime()).toBe(300_000 + 29_970);
    expect(decideAfterAttempt(policy, 8, { statusCode: 503 }, now, now, 0)).toEqual({ outcome: 'FAILED' });
  });

  it('disables an endpoint failing for five days and tells why', () => {
    const since = new Date(now.getTime() - 5 * 86_400_000);
    expect(decideAfterAttempt(policy, 2, { statusCode: 500 }, since, now, 0)).toEqual({
      outcome: 'FAILED',
      disableEndpoint: 'FAILING_TOO_LONG',
    });
    expect(decideAfterAttempt(policy, 2, { statusCode: 200 }, since, now, 0)).toEqual({ outcome: 'SUCCEEDED' });
  });
});
