/**
 * Money is an integer number of minor units plus an ISO 4217 currency (docs/DOMAIN.md, "Cross-border facts").
 * Never a float: amounts are safe integers in the currency's minor unit (cents for USD, yen for JPY, fils for KWD).
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/**
 * ISO 4217 minor-unit exponents for the currencies a cross-border marketplace settles in.
 * Source: ISO 4217 amendment list (the "minor unit" column).
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  // exponent 0
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // exponent 3
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // exponent 4
  CLF: 4,
  UYW: 4,
  // exponent 2 (the common case)
  AED: 2,
  ARS: 2,
  AUD: 2,
  BDT: 2,
  BGN: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  DZD: 2,
  EGP: 2,
  EUR: 2,
  GBP: 2,
  GEL: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  KES: 2,
  KZT: 2,
  MAD: 2,
  MXN: 2,
  MYR: 2,
  NGN: 2,
  NOK: 2,
  NZD: 2,
  PEN: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RSD: 2,
  RUB: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  UAH: 2,
  USD: 2,
  UZS: 2,
  ZAR: 2,
});

export class UnknownCurrencyError extends Error {
  readonly code = 'UNKNOWN_CURRENCY';
  constructor(readonly currency: string) {
    super(`unknown ISO 4217 currency "${currency}"`);
  }
}

export class CurrencyMismatchError extends Error {
  readonly code = 'CURRENCY_MISMATCH';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`amount is in ${actual}, expected ${expected}`);
  }
}

export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';
}

export function isKnownCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, currency);
}

export function minorUnitExponent(currency: string): number {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === undefined || !isKnownCurrency(currency)) throw new UnknownCurrencyError(currency);
  return exponent;
}

/** Builds a Money, refusing floats, unsafe integers, negatives and unknown currencies. */
export function money(amountMinor: number, currency: string): Money {
  minorUnitExponent(currency);
  if (!Number.isSafeInteger(amountMinor)) {
    throw new InvalidAmountError(`amountMinor must be a whole number of minor units, got ${amountMinor}`);
  }
  if (amountMinor < 0) throw new InvalidAmountError(`amountMinor must not be negative, got ${amountMinor}`);
  return { amountMinor, currency };
}

/**
 * Parses a decimal string in major units ("9.99", "1500", "1.250") into minor units, exactly.
 * Refuses more decimals than the currency has (a JPY amount has none, a KWD amount up to three).
 */
export function parseMajor(decimal: string, currency: string): Money {
  const exponent = minorUnitExponent(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new InvalidAmountError(`"${decimal}" is not a decimal amount`);
  const [, whole = '', fraction = ''] = match; // the first group always takes part in a match
  if (fraction.length > exponent) {
    throw new InvalidAmountError(`${currency} has ${exponent} decimal place(s); "${decimal}" has ${fraction.length}`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidAmountError(`"${decimal}" is too large`);
  return money(Number(minor), currency);
}

/** "9.99 USD", "1500 JPY", "1.250 KWD": exact, no float arithmetic. */
export function formatMoney(value: Money): string {
  const exponent = minorUnitExponent(value.currency);
  if (exponent === 0) return `${value.amountMinor} ${value.currency}`;
  const digits = value.amountMinor.toString().padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)} ${value.currency}`;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amountMinor === b.amountMinor ? 0 : a.amountMinor < b.amountMinor ? -1 : 1;
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}
