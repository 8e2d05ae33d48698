/** A row as `pg` returns it, before a repository's mapper gives it its domain type. */
export type Row = Record<string, unknown>;

/** A timestamp column as RFC 3339, or null. */
export const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);
