import { calendarMs, parseIsoDuration } from '@settle/dispute-lifecycle';

/**
 * When webhook attempts happen and what a response means (docs/CONTRACT.md, "Webhooks"): the schedule gives the delay
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
  const delay = policy.delaysMs[attempt];
  if (delay === undefined) return { outcome: 'FAILED' }; // every delay used
  return {
    outcome: 'RETRY',
    nextAttemptAt: new Date(now.getTime() + delay + Math.floor(delay * policy.jitter * random)),
  };
}

/**
 * How an endpoint's attempts in a batch of records ended: the last outcome, the first failure of a streak, and after
 * a failure the earliest retry its failed deliveries were given (null when none will be retried).
 */
export interface EndpointOutcome {
  endpointId: string;
  succeeded: boolean;
  failedAt: Date;
  restarted: boolean;
  retryAfter: Date | null;
}

/** What `endpointOutcomes` needs of a finished attempt. */
export interface FinishedAttempt {
  endpointId: string;
  succeeded: boolean;
  /** When the attempt started (the first failure of a streak is when the endpoint began failing). */
  failedAt: Date;
  /** The delivery's next attempt, when it will be retried. */
  nextAttemptAt: Date | null;
}

/**
 * Each endpoint's outcome over a batch of attempts, in the batch's order: a success ends a failing streak, a failure
 * after a success starts a new one; after failures, the endpoint waits for the earliest retry they were given.
 */
export function endpointOutcomes(batch: readonly FinishedAttempt[]): EndpointOutcome[] {
  const outcomes = new Map<string, EndpointOutcome>();
  for (const item of batch) {
    const previous = outcomes.get(item.endpointId);
    if (item.succeeded) {
      outcomes.set(item.endpointId, { ...outcomeOf(item), succeeded: true });
      continue;
    }
    if (!previous || previous.succeeded) {
      const restarted = previous?.succeeded ?? false;
      outcomes.set(item.endpointId, { ...outcomeOf(item), restarted, retryAfter: item.nextAttemptAt });
    } else previous.retryAfter = earliest(item.nextAttemptAt, previous.retryAfter);
  }
  return [...outcomes.values()];
}

function outcomeOf(item: FinishedAttempt): EndpointOutcome {
  return { endpointId: item.endpointId, succeeded: false, failedAt: item.failedAt, restarted: false, retryAfter: null };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
