/**
 * The value at a place the caller knows is filled (an index below a length it checked, a key it just listed, a
 * regular expression's group that always takes part in a match). With `noUncheckedIndexedAccess` such a read is
 * `T | undefined`; this says why it cannot be, and throws naming `what` if it is after all.
 */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
