/**
 * Policy durations: ISO-8601 calendar durations (exact elapsed time on UTC instants), or business days in a
 * party's country, optionally rounded up to the end of the local day in a zone.
 */
import {
  UnknownCountryError,
  UnknownTimeZoneError,
  businessCalendar,
  ceilToLocalMidnight,
  isKnownCountry,
  isValidTimeZone,
} from './calendar';

/** Whose country a business-day count follows: 'SELLER', 'BUYER', or a fixed ISO 3166-1 alpha-2 code ('CN'). */
export type CountryRef = string;
/** Whose local day an end-of-day deadline follows: 'SELLER' or 'BUYER' (their country's zone), 'UTC', or an IANA zone. */
export type ZoneRef = string;

interface DurationBase {
  /** As written in the policy, for display and for writing the policy back. */
  readonly text: string;
  /** When set, the deadline is rounded up to the end of the local day (next local midnight) in this zone. */
  readonly endOfDayIn?: ZoneRef;
}
export interface CalendarDuration extends DurationBase {
  readonly kind: 'CALENDAR';
  /** Exact elapsed milliseconds: a day is 24 h of UTC time (instants are UTC; no DST applies). */
  readonly ms: number;
}
export interface BusinessDaysDuration extends DurationBase {
  readonly kind: 'BUSINESS_DAYS';
  readonly days: number;
  /** Absent: the party who owns the deadline (see `DurationContext.party`). */
  readonly country?: CountryRef;
}
export type PolicyDuration = CalendarDuration | BusinessDaysDuration;

/** Who the dispute's parties are, for business days and day boundaries. */
export interface DurationContext {
  readonly sellerCountry?: string;
  readonly buyerCountry?: string;
  /** The party a country-less business-day duration ("P5BD") follows. */
  readonly party?: 'SELLER' | 'BUYER';
}

export class InvalidDurationError extends Error {
  readonly code = 'INVALID_DURATION';
}

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const BUSINESS_DAYS = /^P(\d+)BD$/;

/**
 * Parses "P5D", "PT24H", "PT90M", "PT7S", "P1DT12H", "P2W" (calendar) and "P5BD" (business days).
 * Years and months are refused: they have no fixed length, and a deadline must be an exact instant.
 */
export function parseIsoDuration(text: string): PolicyDuration {
  if (typeof text !== 'string')
    throw new InvalidDurationError(`expected an ISO-8601 duration string, got ${typeof text}`);
  const bd = BUSINESS_DAYS.exec(text);
  if (bd) return { kind: 'BUSINESS_DAYS', days: Number(bd[1]), text };
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    if (/^P(?:\d+Y|\d+M)/.test(text) || /^P[^T]*\d+[YM]/.test(text)) {
      throw new InvalidDurationError(`"${text}": years and months have no fixed length; write days (PnD)`);
    }
    if (/\d[.,]\d/.test(text)) throw new InvalidDurationError(`"${text}": fractional values are not supported`);
    throw new InvalidDurationError(`"${text}" is not an ISO-8601 duration (PnW, PnD, PTnH, PTnM, PTnS or PnBD)`);
  }
  const [w = 0, d = 0, h = 0, min = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const ms = (((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000;
  if (!Number.isSafeInteger(ms)) throw new InvalidDurationError(`"${text}" is too long`);
  return { kind: 'CALENDAR', ms, text };
}

/**
 * One policy value as JSON:
 * - `"P5D"`, `"PT24H"`, `"P5BD"`: an ISO-8601 duration string (PnBD = business days of the deadline's party);
 * - `{ "businessDays": 5, "country": "SELLER" | "BUYER" | "CN" }`;
 * - `{ "duration": "P7D", "endOfDayIn": "UTC" | "SELLER" | "BUYER" | "Asia/Shanghai" }` (also with
 *   `businessDays`/`country` instead of `duration`): the deadline rounds up to the end of that local day.
 */
export function parsePolicyDuration(value: unknown): PolicyDuration {
  if (typeof value === 'string') return parseIsoDuration(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidDurationError('expected an ISO-8601 duration string or an object');
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['duration', 'businessDays', 'country', 'endOfDayIn'].includes(k)) {
      throw new InvalidDurationError(`unknown field "${k}" (expected duration, businessDays, country, endOfDayIn)`);
    }
  }
  let parsed: PolicyDuration;
  if (o.duration !== undefined && o.businessDays !== undefined) {
    throw new InvalidDurationError('give either "duration" or "businessDays", not both');
  } else if (o.duration !== undefined) {
    if (typeof o.duration !== 'string') throw new InvalidDurationError('"duration" must be an ISO-8601 string');
    parsed = parseIsoDuration(o.duration);
  } else if (o.businessDays !== undefined) {
    if (typeof o.businessDays !== 'number' || !Number.isInteger(o.businessDays) || o.businessDays < 0) {
      throw new InvalidDurationError('"businessDays" must be a whole number ≥ 0');
    }
    parsed = { kind: 'BUSINESS_DAYS', days: o.businessDays, text: `P${o.businessDays}BD` };
  } else {
    throw new InvalidDurationError('an object duration needs "duration" or "businessDays"');
  }
  if (o.country !== undefined) {
    if (parsed.kind !== 'BUSINESS_DAYS') throw new InvalidDurationError('"country" applies to business days only');
    if (typeof o.country !== 'string' || !isCountryRef(o.country)) {
      throw new InvalidDurationError(`"country" must be SELLER, BUYER or a known ISO 3166-1 alpha-2 code`);
    }
    parsed = { ...parsed, country: o.country };
  }
  if (o.endOfDayIn !== undefined) {
    if (typeof o.endOfDayIn !== 'string' || !isZoneRef(o.endOfDayIn)) {
      throw new InvalidDurationError('"endOfDayIn" must be SELLER, BUYER, UTC or an IANA time zone');
    }
    parsed = { ...parsed, endOfDayIn: o.endOfDayIn };
  }
  return parsed;
}

/** The JSON form of a duration, as `parsePolicyDuration` reads it back. */
export function policyDurationToJson(d: PolicyDuration): unknown {
  const country = d.kind === 'BUSINESS_DAYS' ? d.country : undefined;
  if (d.endOfDayIn === undefined && country === undefined) return d.text;
  if (d.kind === 'BUSINESS_DAYS') {
    return {
      businessDays: d.days,
      ...(country ? { country } : {}),
      ...(d.endOfDayIn ? { endOfDayIn: d.endOfDayIn } : {}),
    };
  }
  return { duration: d.text, endOfDayIn: d.endOfDayIn };
}

function isCountryRef(c: string): boolean {
  return c === 'SELLER' || c === 'BUYER' || isKnownCountry(c);
}
function isZoneRef(z: string): boolean {
  return z === 'SELLER' || z === 'BUYER' || z === 'UTC' || isValidTimeZone(z);
}

function resolveCountry(ref: CountryRef | undefined, ctx: DurationContext, text: string): string {
  const which = ref ?? ctx.party;
  if (which === undefined) {
    throw new InvalidDurationError(`"${text}": business days need a country, and this deadline has no party`);
  }
  const country = which === 'SELLER' ? ctx.sellerCountry : which === 'BUYER' ? ctx.buyerCountry : which;
  if (!country) throw new InvalidDurationError(`"${text}": the ${which.toLowerCase()}'s country is not known`);
  if (!isKnownCountry(country)) throw new UnknownCountryError(country);
  return country;
}

function resolveZone(ref: ZoneRef, ctx: DurationContext): string {
  if (ref === 'SELLER' || ref === 'BUYER') {
    const country = ref === 'SELLER' ? ctx.sellerCountry : ctx.buyerCountry;
    if (!country) throw new InvalidDurationError(`the ${ref.toLowerCase()}'s country is not known`);
    return businessCalendar(country).zone;
  }
  if (!isValidTimeZone(ref)) throw new UnknownTimeZoneError(ref);
  return ref;
}

/**
 * The instant `duration` after `from`. Calendar durations are exact elapsed time; business days run on the
 * party's country calendar (weekends and public holidays skipped, see `BusinessCalendar.addBusinessDays`);
 * `endOfDayIn` then rounds up to the next local midnight (an instant already at midnight stays).
 */
export function addDuration(from: Date, duration: PolicyDuration, ctx: DurationContext = {}): Date {
  assertInstant(from, 'from');
  let ms: number;
  if (duration.kind === 'CALENDAR') {
    ms = from.getTime() + duration.ms;
  } else {
    const country = resolveCountry(duration.country, ctx, duration.text);
    ms = businessCalendar(country).addBusinessDays(from.getTime(), duration.days);
  }
  if (duration.endOfDayIn !== undefined) ms = ceilToLocalMidnight(ms, resolveZone(duration.endOfDayIn, ctx));
  return new Date(ms);
}

/** The calendar length of a duration in ms; refuses business days (whose length depends on the start). */
export function calendarMs(duration: PolicyDuration): number {
  if (duration.kind !== 'CALENDAR' || duration.endOfDayIn !== undefined) {
    throw new InvalidDurationError(`"${duration.text}" must be a plain calendar duration`);
  }
  return duration.ms;
}

export function assertInstant(value: Date, name = 'instant'): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${name} must be a valid Date (an explicit instant), got ${String(value)}`);
  }
}
