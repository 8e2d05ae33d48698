import { isUuidV7, uuidv7Timestamp } from '@settle/contracts';
import { DomainError } from './errors';

/** How long after its id was minted an aggregate may still be missing from a projection without being unknown. */
export const PROJECTION_CATCH_UP_MS = 120_000;

/** A projection has not heard yet of an aggregate that was just created: try again shortly (503 with Retry-After). */
export class ProjectionBehind extends DomainError {
  readonly retryAfterSeconds = 1;

  constructor(resource: string, id: string) {
    super(
      'unavailable',
      'PROJECTION_BEHIND',
      `${resource} ${id} was created moments ago and is not known here yet; retry in a second.`,
    );
  }
}

/**
 * The aggregate `id` from a service's projection, if the caller may see it. The projection trails the owner of what
 * it projects (a dispute just opened reaches negotiation and escalation-timer a moment after dispute-intake's 201).
 * For an id minted within PROJECTION_CATCH_UP_MS (ids are UUIDv7: they carry their creation instant) that `find`
 * does not have yet, `find` is read again every `intervalMs` for up to `timeoutMs`; if it still has nothing the caller
 * hears ProjectionBehind (503 with Retry-After), never "not found" for what may exist. An older id that `find` does
 * not have is unknown: undefined at once. What exists but `visible` refuses (another seller's dispute) is undefined
 * too, after the same wait a recent unknown id gets, so timing tells nothing.
 */
export async function awaitProjection<T>(
  resource: string,
  id: string,
  find: () => Promise<T | undefined | null>,
  visible: (found: T) => boolean,
  timeoutMs: number,
  { intervalMs = 25, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
): Promise<T | undefined> {
  const first = await find();
  if (first !== undefined && first !== null && visible(first)) return first;
  const age = isUuidV7(id) ? now() - uuidv7Timestamp(id) : Infinity;
  // A few seconds of clock skew between hosts are tolerated; an id "from the future" beyond that is not recent.
  const recent = age > -5_000 && age < PROJECTION_CATCH_UP_MS;
  if (!recent) return undefined;
  const deadline = now() + timeoutMs;
  let found = first;
  for (;;) {
    const left = deadline - now();
    if (left <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
    if (found === undefined || found === null) found = await find();
    if (found !== undefined && found !== null && visible(found)) return found;
  }
  if (found === undefined || found === null) throw new ProjectionBehind(resource, id);
  return undefined;
}
