import { BusinessCalendar, businessCalendar, ceilToLocalMidnight, UnknownCountryError } from './calendar';
import {
  addDuration,
  calendarMs,
  InvalidDurationError,
  parseIsoDuration,
  parsePolicyDuration,
  policyDurationToJson,
} from './duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (d: Date) => d.toISOString();

describe('parseIsoDuration', () => {
  it.each([
    ['P5D', 5 * DAY],
    ['PT24H', DAY],
    ['PT90M', 90 * 60_000],
    ['PT7S', 7_000],
    ['P1DT12H', 36 * HOUR],
    ['P1DT2H3M4S', DAY + 2 * HOUR + 3 * 60_000 + 4_000],
    ['P2W', 14 * DAY],
    ['PT0S', 0],
  ])('%s is %d ms of elapsed time', (text, ms) => {
    expect(parseIsoDuration(text)).toEqual({ kind: 'CALENDAR', ms, text });
  });

  it('reads PnBD as business days of the deadline’s party', () => {
    expect(parseIsoDuration('P5BD')).toEqual({ kind: 'BUSINESS_DAYS', days: 5, text: 'P5BD' });
  });

  it.each([
    ['P', /not an ISO-8601 duration/],
    ['PT', /not an ISO-8601 duration/],
    ['P1DT', /not an ISO-8601 duration/],
    ['5D', /not an ISO-8601 duration/],
    ['P5X', /not an ISO-8601 duration/],
    ['P1Y', /years and months/],
    ['P1M', /years and months/],
    ['PT1.5S', /fractional/],
    ['P-1D', /not an ISO-8601 duration/],
  ])('refuses %s', (text, message) => {
    expect(() => parseIsoDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseIsoDuration(text)).toThrow(message);
  });
});

describe('parsePolicyDuration (object forms)', () => {
  it('reads business days of a party or of a fixed country', () => {
    expect(parsePolicyDuration({ businessDays: 5, country: 'SELLER' })).toEqual({
      kind: 'BUSINESS_DAYS',
      days: 5,
      country: 'SELLER',
      text: 'P5BD',
    });
    expect(parsePolicyDuration({ duration: 'P3BD', country: 'CN' })).toMatchObject({ days: 3, country: 'CN' });
  });

  it('reads an end-of-day rounding zone', () => {
    expect(parsePolicyDuration({ duration: 'P7D', endOfDayIn: 'UTC' })).toEqual({
      kind: 'CALENDAR',
      ms: 7 * DAY,
      text: 'P7D',
      endOfDayIn: 'UTC',
    });
  });

  it.each([
    [{ businessDays: 5, country: 'XX' }, /country/],
    [{ businessDays: -1 }, /whole number/],
    [{ businessDays: 1.5 }, /whole number/],
    [{ duration: 'P5D', country: 'CN' }, /business days only/],
    [{ duration: 'P5D', businessDays: 5 }, /not both/],
    [{ duration: 'P5D', endOfDayIn: 'Mars/Olympus' }, /endOfDayIn/],
    [{ days: 5 }, /unknown field "days"/],
    [{}, /needs "duration" or "businessDays"/],
    [5, /string or an object/],
    [null, /string or an object/],
  ])('refuses %j', (value, message) => {
    expect(() => parsePolicyDuration(value)).toThrow(message);
  });

  it('writes a duration back in a form it reads again', () => {
    for (const value of [
      'P5D',
      'P5BD',
      { businessDays: 2, country: 'BUYER' },
      { duration: 'P7D', endOfDayIn: 'SELLER' },
    ]) {
      const parsed = parsePolicyDuration(value);
      expect(parsePolicyDuration(policyDurationToJson(parsed))).toEqual(parsed);
    }
  });
});

describe('addDuration', () => {
  const ctx = { sellerCountry: 'CN', buyerCountry: 'US' };

  it('adds calendar days as exact 24 h periods of UTC time, even across a DST change', () => {
    // 2026-03-08 is the US spring-forward day; a policy day is still 24 h.
    expect(iso(addDuration(new Date('2026-03-07T12:00:00Z'), parseIsoDuration('P2D'), ctx))).toBe(
      '2026-03-09T12:00:00.000Z',
    );
  });

  it('skips a public holiday of the seller’s country (CN National Day 2026-10-01..03) and the weekend after it', () => {
    const wednesday10amShanghai = new Date('2026-09-30T02:00:00Z');
    const oneBusinessDay = parsePolicyDuration({ businessDays: 1, country: 'SELLER' });
    // Thu 1st, Fri 2nd, Sat 3rd are public holidays, Sun 4th is the weekend: Monday 5th, 10:00 in Shanghai.
    expect(iso(addDuration(wednesday10amShanghai, oneBusinessDay, ctx))).toBe('2026-10-05T02:00:00.000Z');
    expect(
      iso(addDuration(wednesday10amShanghai, parsePolicyDuration({ businessDays: 5, country: 'SELLER' }), ctx)),
    ).toBe('2026-10-09T02:00:00.000Z');
    // The same instant in calendar days lands inside the holiday.
    expect(iso(addDuration(wednesday10amShanghai, parseIsoDuration('P1D'), ctx))).toBe('2026-10-01T02:00:00.000Z');
  });

  it('counts in the party’s own country: the same start gives the US buyer a different deadline', () => {
    // 2026-09-30T02:00Z is Tuesday 22:00 in New York; the next US business day is Wednesday.
    const start = new Date('2026-09-30T02:00:00Z');
    expect(iso(addDuration(start, parseIsoDuration('P1BD'), { ...ctx, party: 'BUYER' }))).toBe(
      '2026-10-01T02:00:00.000Z',
    );
    expect(iso(addDuration(start, parseIsoDuration('P1BD'), { ...ctx, party: 'SELLER' }))).toBe(
      '2026-10-05T02:00:00.000Z',
    );
  });

  it('skips Christmas Day (a Friday in 2026) and the weekend in the US', () => {
    const thursday10amNewYork = new Date('2026-12-24T15:00:00Z');
    expect(
      iso(addDuration(thursday10amNewYork, parseIsoDuration('P1BD'), { buyerCountry: 'US', party: 'BUYER' })),
    ).toBe('2026-12-28T15:00:00.000Z');
  });

  it('skips a plain weekend', () => {
    const friday10amBerlin = new Date('2026-03-06T09:00:00Z');
    expect(iso(addDuration(friday10amBerlin, parsePolicyDuration({ businessDays: 1, country: 'DE' })))).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });

  it('starts the clock at the next business day when the start is on a weekend, ending at that day’s end', () => {
    const saturday3pmShanghai = new Date('2026-03-07T07:00:00Z');
    // Monday 9 March is business day 1; it ends at Tuesday 00:00 in Shanghai (16:00Z Monday).
    expect(iso(addDuration(saturday3pmShanghai, parsePolicyDuration({ businessDays: 1, country: 'CN' })))).toBe(
      '2026-03-09T16:00:00.000Z',
    );
  });

  it('from a business day’s midnight, one business day ends at the next midnight, a Friday’s on Saturday 00:00', () => {
    const cn = businessCalendar('CN');
    const fridayMidnightShanghai = Date.parse('2026-03-05T16:00:00Z');
    expect(iso(new Date(cn.addBusinessDays(fridayMidnightShanghai, 1)))).toBe('2026-03-06T16:00:00.000Z');
    expect(iso(new Date(cn.addBusinessDays(fridayMidnightShanghai, 2)))).toBe('2026-03-09T16:00:00.000Z');
    expect(cn.addBusinessDays(fridayMidnightShanghai, 0)).toBe(fridayMidnightShanghai);
  });

  it('follows the library’s weekly day off: Friday and Saturday in Saudi Arabia', () => {
    const sa = new BusinessCalendar('SA');
    expect([...sa.weekend].sort()).toEqual([5, 6]);
    expect([...businessCalendar('CN').weekend].sort()).toEqual([0, 6]);
  });

  it('rounds up to the end of the local day when endOfDayIn is set', () => {
    const start = new Date('2026-03-02T09:00:00Z');
    expect(iso(addDuration(start, parsePolicyDuration({ duration: 'P7D', endOfDayIn: 'UTC' }), ctx))).toBe(
      '2026-03-10T00:00:00.000Z',
    );
    // Shanghai's day ends at 16:00Z.
    expect(iso(addDuration(start, parsePolicyDuration({ duration: 'P7D', endOfDayIn: 'SELLER' }), ctx))).toBe(
      '2026-03-09T16:00:00.000Z',
    );
    // Already at a midnight: unchanged.
    expect(ceilToLocalMidnight(Date.parse('2026-03-10T00:00:00Z'), 'UTC')).toBe(Date.parse('2026-03-10T00:00:00Z'));
  });

  it('refuses business days it cannot place', () => {
    const start = new Date('2026-03-02T09:00:00Z');
    expect(() => addDuration(start, parseIsoDuration('P1BD'), {})).toThrow(/no party/);
    expect(() => addDuration(start, parseIsoDuration('P1BD'), { party: 'SELLER' })).toThrow(/seller's country/);
    expect(() => addDuration(start, parseIsoDuration('P1BD'), { party: 'SELLER', sellerCountry: 'XX' })).toThrow(
      UnknownCountryError,
    );
    expect(() => addDuration(new Date(NaN), parseIsoDuration('P1D'))).toThrow(/valid Date/);
  });

  it('gives the calendar length of plain durations only', () => {
    expect(calendarMs(parseIsoDuration('PT24H'))).toBe(DAY);
    expect(() => calendarMs(parseIsoDuration('P1BD'))).toThrow(/plain calendar/);
  });
});
