/**
 * Failed sign-ins per client address in a sliding window: after `maxFailures` within `windowMs` the address waits
 * until its oldest failure leaves the window. In memory: a guessing attack against 256-bit keys is hopeless anyway;
 * the limit keeps the key table from being hammered and the logs readable.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `address` may try again; 0 when it may now. */
  waitFor(address: string, now: number): number {
    const oldestCounted = this.recent(address, now).at(-this.maxFailures);
    if (oldestCounted === undefined || this.maxFailures < 1) return 0; // fewer failures than the limit
    return oldestCounted + this.windowMs - now;
  }

  recordFailure(address: string, now: number): void {
    const recent = this.recent(address, now);
    recent.push(now);
    if (this.failures.size > 10_000) this.prune(now);
    this.failures.set(address, recent.slice(-this.maxFailures));
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => at > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [address, times] of this.failures) {
      if (times.every((at) => at <= now - this.windowMs)) this.failures.delete(address);
    }
  }
}
