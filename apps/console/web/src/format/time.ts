/** A countdown's largest two units, for "due in 2 d 3 h" / "overdue by 4 min 10 s". */
export type Unit = 'd' | 'h' | 'min' | 's';
export type Tone = 'late' | 'soon' | 'ok';

export interface Countdown {
  overdue: boolean;
  parts: { unit: Unit; value: number }[];
  /** late: past due; soon: due within 24 h; ok: later. Shown as colour and as text (never colour alone). */
  tone: Tone;
}

const SIZES: [Unit, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];
export const DAY_MS = 86_400_000;

export function countdown(dueAtMs: number, nowMs: number): Countdown {
  const delta = dueAtMs - nowMs;
  const overdue = delta <= 0;
  let rest = Math.abs(delta);
  const parts: Countdown['parts'] = [];
  for (const [unit, size] of SIZES) {
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0 || parts.length > 0) parts.push({ unit, value });
    if (parts.length === 2) break;
  }
  if (parts.length === 2 && parts[1]!.value === 0) parts.pop();
  if (parts.length === 0) parts.push({ unit: 's', value: 0 });
  return { overdue, parts, tone: overdue ? 'late' : delta <= DAY_MS ? 'soon' : 'ok' };
}

/** Days of a timeline, in the viewer's zone: "2026-12-04" keys, oldest first, entries in order within a day. */
export function groupByDay<T>(items: readonly T[], instantOf: (item: T) => string, timeZone?: string): [string, T[]][] {
  const key = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const sorted = [...items].sort((a, b) => Date.parse(instantOf(a)) - Date.parse(instantOf(b)));
  const days = new Map<string, T[]>();
  for (const item of sorted) {
    const day = key.format(new Date(instantOf(item)));
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days.entries()];
}

/** "2026-12-04 16:59:33 UTC": the instant in UTC, for the hover title. */
export function utcTitle(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Milliseconds as the shortest readable duration (p50/p90 figures): 90 s -> [{1 min}, {30 s}]. */
export function durationParts(ms: number): Countdown['parts'] {
  return countdown(ms, 0).parts;
}
