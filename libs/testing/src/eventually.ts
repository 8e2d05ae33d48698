/**
 * Polls `probe` until it returns a value other than undefined/false, or fails with the last error after
 * `timeoutMs`. Tests wait for outcomes this way, never with fixed sleeps. `what` may be a function, to describe
 * the state at the time of the failure.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  {
    timeoutMs = 20_000,
    intervalMs = 50,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string | (() => string) } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${reason}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
