import { currencyExponent, formatMoney, parseMajor, toMajor } from './money';

describe('money in the console', () => {
  it('knows each currency’s exponent from Intl', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('turns minor units into major-unit text without floating point', () => {
    expect(toMajor(5994, 'USD')).toBe('59.94');
    expect(toMajor(5, 'USD')).toBe('0.05');
    expect(toMajor(0, 'USD')).toBe('0.00');
    expect(toMajor(500, 'JPY')).toBe('500');
    expect(toMajor(1, 'KWD')).toBe('0.001');
    expect(toMajor(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('turns what a person typed in major units into minor units', () => {
    expect(parseMajor('59.94', 'USD')).toEqual({ ok: true, amountMinor: 5994 });
    expect(parseMajor('59.9', 'USD')).toEqual({ ok: true, amountMinor: 5990 });
    expect(parseMajor('59', 'USD')).toEqual({ ok: true, amountMinor: 5900 });
    expect(parseMajor('12,5', 'EUR')).toEqual({ ok: true, amountMinor: 1250 });
    expect(parseMajor(' 0.10 ', 'USD')).toEqual({ ok: true, amountMinor: 10 });
    expect(parseMajor('500', 'JPY')).toEqual({ ok: true, amountMinor: 500 });
    expect(parseMajor('1.000', 'JPY')).toEqual({ ok: true, amountMinor: 1 });
    expect(parseMajor('0.001', 'KWD')).toEqual({ ok: true, amountMinor: 1 });
    // 0.1 + 0.2 style traps: 1.15 * 100 is 114.99999999999999 in floating point.
    expect(parseMajor('1.15', 'USD')).toEqual({ ok: true, amountMinor: 115 });
    expect(parseMajor('4.35', 'USD')).toEqual({ ok: true, amountMinor: 435 });
  });

  it('refuses more decimals than the currency has, and what is not an amount', () => {
    expect(parseMajor('1.234', 'USD')).toEqual({ ok: false, problem: 'precision' });
    expect(parseMajor('1.5', 'JPY')).toEqual({ ok: false, problem: 'precision' });
    expect(parseMajor('-1', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseMajor('1e3', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseMajor('', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseMajor('12.34.5', 'USD')).toEqual({ ok: false, problem: 'format' });
  });

  it('round-trips every amount through the form', () => {
    for (const [amountMinor, currency] of [
      [0, 'USD'],
      [1, 'USD'],
      [123456789, 'EUR'],
      [7, 'JPY'],
      [1001, 'KWD'],
    ] as const) {
      expect(parseMajor(toMajor(amountMinor, currency), currency)).toEqual({ ok: true, amountMinor });
    }
  });

  it('formats in the viewer’s language with the currency’s digits', () => {
    expect(formatMoney({ amountMinor: 5994, currency: 'USD' }, 'en')).toBe('$59.94');
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en')).toBe('¥500');
    expect(formatMoney({ amountMinor: 1234, currency: 'KWD' }, 'en')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney({ amountMinor: 5994, currency: 'USD' }, 'zh-CN')).toBe('US$59.94');
  });
});
