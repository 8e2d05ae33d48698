import { decideAfterAttempt, endpointOutcomes, parseSchedule, type RetryPolicy } from './retry-policy';

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

describe('endpoint outcomes over a batch of attempts', () => {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1_000);
  const attempt = (endpointId: string, succeeded: boolean, startedAt: number, retryAt: number | null) => ({
    endpointId,
    succeeded,
    failedAt: at(startedAt),
    nextAttemptAt: retryAt === null ? null : at(retryAt),
  });

  it('backs a failing endpoint off until the earliest retry its failures were given', () => {
    expect(
      endpointOutcomes([attempt('E', false, 0, 9), attempt('E', false, 1, 6), attempt('E', false, 2, null)]),
    ).toEqual([{ endpointId: 'E', succeeded: false, failedAt: at(0), restarted: false, retryAfter: at(6) }]);
  });

  it('a success ends the streak and the back-off; a failure after it starts a new streak', () => {
    expect(endpointOutcomes([attempt('E', false, 0, 5), attempt('E', true, 1, null)])).toEqual([
      { endpointId: 'E', succeeded: true, failedAt: at(1), restarted: false, retryAfter: null },
    ]);
    expect(endpointOutcomes([attempt('E', true, 0, null), attempt('E', false, 1, 7)])).toEqual([
      { endpointId: 'E', succeeded: false, failedAt: at(1), restarted: true, retryAfter: at(7) },
    ]);
  });

  it('keeps endpoints apart', () => {
    const outcomes = endpointOutcomes([attempt('A', false, 0, 5), attempt('B', true, 0, null)]);
    expect(outcomes.map((outcome) => [outcome.endpointId, outcome.succeeded, outcome.retryAfter])).toEqual([
      ['A', false, at(5)],
      ['B', true, null],
    ]);
  });
});
