/** Money as the services send it: an integer count of the currency's minor unit (never a float). */
export interface Money {
  amountMinor: number;
  currency: string;
}

const exponents = new Map<string, number>();

/** The currency's exponent (digits after the decimal point) as Intl knows it: USD 2, JPY 0, KWD 3. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** `{ 5994, USD }` in the viewer's language: "$59.94", "US$59.94". */
export function formatMoney(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(Number(toMajor(money.amountMinor, money.currency)));
}

/** Minor units to the major-unit text a form shows: 5994 USD -> "59.94", 500 JPY -> "500", 1 KWD -> "0.001". */
export function toMajor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.trunc(Math.abs(amountMinor))).padStart(exponent + 1, '0');
  if (exponent === 0) return digits;
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export type ParsedAmount = { ok: true; amountMinor: number } | { ok: false; problem: 'format' | 'precision' };

/**
 * What a person typed in major units to minor units, in integers only: "59.94" USD -> 5994, "12,5" EUR -> 1250,
 * "500" JPY -> 500. More decimals than the currency has ("1.234" USD, "1.5" JPY) is refused, never rounded.
 */
export function parseMajor(text: string, currency: string): ParsedAmount {
  const exponent = currencyExponent(currency);
  const match = /^\s*(\d{1,13})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return { ok: false, problem: 'precision' };
  const amountMinor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(amountMinor)) return { ok: false, problem: 'format' };
  return { ok: true, amountMinor };
}
