/**
 * Local days and business days in a country, with public holidays from the maintained `date-holidays`
 * library (no hand-made holiday table). Everything works on epoch milliseconds and explicit instants.
 */
import { required } from '@settle/contracts/required';
import Holidays from 'date-holidays';

export const DAY_MS = 86_400_000;

export class UnknownCountryError extends Error {
  readonly code = 'UNKNOWN_COUNTRY';
  constructor(readonly country: string) {
    super(`"${country}" is not an ISO 3166-1 alpha-2 country known to the holiday library`);
  }
}

export class UnknownTimeZoneError extends Error {
  readonly code = 'UNKNOWN_TIME_ZONE';
  constructor(readonly zone: string) {
    super(`"${zone}" is not an IANA time zone`);
  }
}

let knownCountries: ReadonlySet<string> | undefined;
export function isKnownCountry(country: string): boolean {
  knownCountries ??= new Set(Object.keys(new Holidays().getCountries()));
  return /^[A-Z]{2}$/.test(country) && knownCountries.has(country);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    if (!isValidTimeZone(zone)) throw new UnknownTimeZoneError(zone);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A calendar date (no time, no zone). */
export interface LocalDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
}

function wallClock(ms: number, zone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => required(parts[type], `the ${type} of ${zone}'s wall clock`);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
  };
}

/** Local wall-clock time minus UTC at this instant, in ms (e.g. +8 h for Asia/Shanghai). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

export function localDateOf(ms: number, zone: string): LocalDate {
  const { year, month, day } = wallClock(ms, zone);
  return { year, month, day };
}

/** The instant at which this local date begins in the zone. */
export function localMidnight(date: LocalDate, zone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day);
  const first = asUtc - zoneOffsetMs(asUtc, zone);
  return asUtc - zoneOffsetMs(first, zone);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(date: LocalDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The first instant at or after `ms` that is a local midnight in the zone ("end of that day"). */
export function ceilToLocalMidnight(ms: number, zone: string): number {
  const date = localDateOf(ms, zone);
  const start = localMidnight(date, zone);
  return start === ms ? ms : localMidnight(addDays(date, 1), zone);
}

const WEEKDAY_INDEX: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/**
 * A country's working calendar: its first IANA zone (day boundaries), its weekend and its public holidays.
 * The weekend is the library's weekly day off and the day before it (Sunday → Sat+Sun, Saturday → Fri+Sat,
 * Friday → Thu+Fri); Saturday and Sunday when the library does not say.
 */
export class BusinessCalendar {
  readonly zone: string;
  readonly weekend: ReadonlySet<number>;
  private readonly holidays: Holidays;
  private readonly holidayYears = new Map<number, ReadonlySet<string>>();

  constructor(readonly country: string) {
    if (!isKnownCountry(country)) throw new UnknownCountryError(country);
    this.holidays = new Holidays(country);
    this.zone = this.holidays.getTimezones()[0] ?? 'UTC';
    const dayOff = WEEKDAY_INDEX[String(this.holidays.getDayOff() ?? '').toLowerCase()] ?? 0;
    this.weekend = new Set([dayOff, (dayOff + 6) % 7]);
  }

  /** Public holidays only (not bank, school, optional or observance days), as local ISO dates. */
  publicHolidays(year: number): ReadonlySet<string> {
    let set = this.holidayYears.get(year);
    if (!set) {
      const dates = new Set<string>();
      for (const h of this.holidays.getHolidays(year)) {
        if (h.type !== 'public') continue;
        const [y, m, d] = h.date.slice(0, 10).split('-').map(Number);
        if (y === undefined || m === undefined || d === undefined)
          throw new Error(`holiday date ${h.date} is not YYYY-MM-DD`);
        const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
        for (let i = 0; i < days; i++) dates.add(isoDate(addDays({ year: y, month: m, day: d }, i)));
      }
      set = dates;
      this.holidayYears.set(year, set);
    }
    return set;
  }

  isBusinessDay(date: LocalDate): boolean {
    return !this.weekend.has(weekday(date)) && !this.publicHolidays(date.year).has(isoDate(date));
  }

  /**
   * Adds whole business days as a clock that runs only on this country's business days (local days of its zone):
   * the result is the earliest instant at which `days` × one local day of business time has elapsed.
   * - From a business day at local time t > 00:00, that is the `days`-th following business day at local time t
   *   (Friday 10:00 + 1 = Monday 10:00 when Monday is a working day).
   * - From 00:00, a weekend day or a holiday, the clock starts at the first business day's 00:00 (counted as day 1),
   *   and the result is the end of the `days`-th business day, i.e. the local midnight after it
   *   (Saturday 15:00 + 1 = Tuesday 00:00 when Monday is a working day).
   */
  addBusinessDays(fromMs: number, days: number): number {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`business days must be a whole number ≥ 0, got ${days}`);
    if (days === 0) return fromMs;
    let date = localDateOf(fromMs, this.zone);
    const timeOfDay = fromMs - localMidnight(date, this.zone);
    let guard = 0;
    const nextBusinessDay = () => {
      do {
        date = addDays(date, 1);
        if (++guard > 3660) throw new Error(`no business day in ${this.country} within ten years`);
      } while (!this.isBusinessDay(date));
    };
    if (timeOfDay > 0 && this.isBusinessDay(date)) {
      for (let counted = 0; counted < days; counted++) nextBusinessDay();
      return localMidnight(date, this.zone) + timeOfDay;
    }
    if (!this.isBusinessDay(date)) nextBusinessDay();
    for (let counted = 1; counted < days; counted++) nextBusinessDay();
    return localMidnight(addDays(date, 1), this.zone);
  }
}

const calendars = new Map<string, BusinessCalendar>();
export function businessCalendar(country: string): BusinessCalendar {
  let calendar = calendars.get(country);
  if (!calendar) {
    calendar = new BusinessCalendar(country);
    calendars.set(country, calendar);
  }
  return calendar;
}
