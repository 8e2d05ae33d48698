import {
  KNOWN_CURRENCIES,
  MoneyDto,
  ListingDto,
  isUtcInstant,
  validateAs,
  SUB_REASONS,
  DISPUTE_REASONS,
  isSubReasonOf,
  required,
} from '@settle/contracts';
import { sampleListing } from '@settle/contracts/testing';

const fieldsOf = (data: unknown) => {
  const result = validateAs(MoneyDto, data);
  return result.ok ? [] : result.errors;
};

describe('MoneyDto', () => {
  it.each([
    [{ amountMinor: 1999, currency: 'USD' }],
    [{ amountMinor: 0, currency: 'JPY' }],
    [{ amountMinor: 1250, currency: 'KWD' }],
    [{ amountMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR' }],
  ])('accepts %p', (data) => {
    expect(validateAs(MoneyDto, data)).toEqual({ ok: true, value: Object.assign(new MoneyDto(), data) });
  });

  it('refuses a float', () => {
    expect(fieldsOf({ amountMinor: 19.99, currency: 'USD' })).toEqual([
      { field: 'amountMinor', message: 'amountMinor must be an integer number' },
    ]);
  });

  it('refuses a negative amount', () => {
    expect(fieldsOf({ amountMinor: -1, currency: 'USD' })).toEqual([
      { field: 'amountMinor', message: 'amountMinor must not be less than 0' },
    ]);
  });

  it('refuses an integer beyond 2^53 - 1', () => {
    expect(fieldsOf({ amountMinor: 2 ** 53, currency: 'USD' })).toEqual([
      { field: 'amountMinor', message: 'amountMinor must be a safe integer (at most 2^53 - 1)' },
    ]);
  });

  it.each(['XYZ', 'usd', 'US', '', 42])('refuses the currency %p', (currency) => {
    expect(fieldsOf({ amountMinor: 1, currency })).toEqual([
      { field: 'currency', message: 'currency must be a known ISO 4217 currency code' },
    ]);
  });

  it('refuses a decimal string, a missing field and an extra one', () => {
    expect(fieldsOf({ amountMinor: '19.99', currency: 'USD' })).toEqual([
      { field: 'amountMinor', message: 'amountMinor must be an integer number' },
    ]);
    expect(fieldsOf({ currency: 'USD' })).toEqual([
      { field: 'amountMinor', message: 'amountMinor must be an integer number' },
    ]);
    expect(fieldsOf({ amountMinor: null, currency: 'USD' }).map((error) => error.field)).toEqual(['amountMinor']);
    expect(fieldsOf({ amountMinor: 1, currency: 'USD', amountMajor: 0.01 })).toEqual([
      { field: 'amountMajor', message: 'is not a known field' },
    ]);
  });

  it('knows the currencies money.ts knows, in order', () => {
    expect(KNOWN_CURRENCIES).toContain('JPY');
    expect(KNOWN_CURRENCIES).toContain('KWD');
    expect([...KNOWN_CURRENCIES].sort()).toEqual(KNOWN_CURRENCIES);
  });
});

describe('ListingDto', () => {
  it('accepts the sample listing and refuses a price in a float', () => {
    expect(validateAs(ListingDto, sampleListing()).ok).toBe(true);
    const listing = sampleListing();
    required(listing.skus[0], 'the sample variant').price = { amountMinor: 9.99, currency: 'USD' };
    listing.shipping.fee = { amountMinor: 0, currency: 'ABC' };
    const result = validateAs(ListingDto, listing);
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'skus.0.price.amountMinor',
      'shipping.fee.currency',
    ]);
  });

  it('reports under a prefix when asked', () => {
    const result = validateAs(ListingDto, { ...sampleListing(), title: '' }, 'data');
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'data.title', message: 'title should not be empty' }]);
  });
});

describe('isUtcInstant', () => {
  it.each(['2025-03-14T09:00:00Z', '2025-03-14T09:00:00.123Z', '2024-02-29T23:59:59.999999Z'])(
    'accepts %s',
    (value) => {
      expect(isUtcInstant(value)).toBe(true);
    },
  );

  it.each([
    '2025-03-14T09:00:00+00:00',
    '2025-03-14T09:00:00',
    '2025-03-14 09:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-03-14T24:00:00Z',
    '2025-03-14T09:00:60Z',
    '1741942800000',
  ])('refuses %s', (value) => {
    expect(isUtcInstant(value)).toBe(false);
  });
});

describe('sub-reasons', () => {
  it('lists sub-reasons for every reason, none shared between reasons', () => {
    for (const reason of DISPUTE_REASONS) expect(SUB_REASONS[reason].length).toBeGreaterThan(0);
    const all = DISPUTE_REASONS.flatMap((reason) => SUB_REASONS[reason]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('carries docs/DOMAIN.md lists as written', () => {
    expect(SUB_REASONS.NOT_RECEIVED).toContain('CUSTOMS_HELD');
    expect(SUB_REASONS.NOT_AS_DESCRIBED).toContain('COUNTERFEIT');
    expect(isSubReasonOf('NOT_RECEIVED', 'CUSTOMS_HELD')).toBe(true);
    expect(isSubReasonOf('NOT_RECEIVED', 'COUNTERFEIT')).toBe(false);
    expect(isSubReasonOf('constructor', 'x')).toBe(false);
  });
});
