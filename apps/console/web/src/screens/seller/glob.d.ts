/** Vite's lazy glob import (the seller shell finds the seller tools' screens by name; H4 adds them). */
interface ImportMeta {
  glob<T = unknown>(pattern: string | string[]): Record<string, () => Promise<T>>;
}
