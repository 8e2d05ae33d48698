/**
 * Small value checks the lifecycle applies to untrusted input.
 */
import type { InstantString } from './domain';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
export function isInstantString(value: unknown): value is InstantString {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}
/**
 * `Array.isArray` that keeps the element type: on a `readonly T[]` the built-in narrows to `any[]`, which would hide
 * every later check of an element from the type checker (the no-unsafe-* lint rules).
 */
export const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);
export const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
