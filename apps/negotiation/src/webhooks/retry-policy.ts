import { calendarMs, parseIsoDuration } from '@settle/dispute-lifecycle';

/**
 * When webhook attempts happen and what a response means (CONTRACT.md, "Webhooks"): the schedule gives the delay
 * before each attempt (the first one included, usually 0); jitter adds up to a share of the delay at random;
 * any 2xx is success; 410 disables the endpoint; an endpoint failing for `disableAfterMs` is disabled.
 */
export interface RetryPolicy {
  delaysMs: number[];
  jitter: number;
  disableAfterMs: number;
}

export function parseSchedule(text: string): number[] {
  return text.split(',').map((part) => calendarMs(parseIsoDuration(part.trim())));
}

export type AttemptResult = { statusCode: number } | { error: string };

export type DeliveryDecision =
  | { outcome: 'SUCCEEDED' }
  | { outcome: 'RETRY'; nextAttemptAt: Date }
  | { outcome: 'FAILED'; disableEndpoint?: 'GONE' | 'FAILING_TOO_LONG' };

/**
 * What happens after attempt number `attempt` (1-based). `failingSince` is when the endpoint began failing
 * (null if its last attempt succeeded); `random` in [0, 1).
 */
export function decideAfterAttempt(
  policy: RetryPolicy,
  attempt: number,
  result: AttemptResult,
  failingSince: Date | null,
  now: Date,
  random: number,
): DeliveryDecision {
  if ('statusCode' in result && result.statusCode >= 200 && result.statusCode < 300) return { outcome: 'SUCCEEDED' };
  if ('statusCode' in result && result.statusCode === 410) return { outcome: 'FAILED', disableEndpoint: 'GONE' };
  const since = failingSince ?? now;
  if (now.getTime() - since.getTime() >= policy.disableAfterMs) {
    return { outcome: 'FAILED', disableEndpoint: 'FAILING_TOO_LONG' };
  }
  if (attempt >= policy.delaysMs.length) return { outcome: 'FAILED' };
  const delay = policy.delaysMs[attempt];
  return {
    outcome: 'RETRY',
    nextAttemptAt: new Date(now.getTime() + delay + Math.floor(delay * policy.jitter * random)),
  };
}
