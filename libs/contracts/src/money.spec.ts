import {
  CURRENCY_EXPONENTS,
  CurrencyMismatchError,
  InvalidAmountError,
  UnknownCurrencyError,
  addMoney,
  compareMoney,
  formatMoney,
  isKnownCurrency,
  minorUnitExponent,
  money,
  parseMajor,
  sameMoney,
  subtractMoney,
} from './money';

describe('money', () => {
  describe('currency exponents', () => {
    it.each([
      ['JPY', 0],
      ['KRW', 0],
      ['USD', 2],
      ['EUR', 2],
      ['KWD', 3],
      ['BHD', 3],
      ['CLF', 4],
    ])('%s has %i decimal places', (currency, exponent) => {
      expect(minorUnitExponent(currency)).toBe(exponent);
    });

    it('knows only upper-case ISO 4217 codes', () => {
      expect(isKnownCurrency('USD')).toBe(true);
      expect(isKnownCurrency('usd')).toBe(false);
      expect(isKnownCurrency('XYZ')).toBe(false);
      expect(isKnownCurrency('toString')).toBe(false);
      expect(() => minorUnitExponent('XYZ')).toThrow(UnknownCurrencyError);
    });

    it('cannot be changed at run time', () => {
      expect(Object.isFrozen(CURRENCY_EXPONENTS)).toBe(true);
    });
  });

  describe('money()', () => {
    it('builds integer minor units', () => {
      expect(money(1999, 'USD')).toEqual({ amountMinor: 1999, currency: 'USD' });
      expect(money(0, 'JPY')).toEqual({ amountMinor: 0, currency: 'JPY' });
    });

    it.each([
      ['a float', 19.99],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ])('refuses %s', (_what, amount) => {
      expect(() => money(amount, 'USD')).toThrow(InvalidAmountError);
    });

    it('refuses a negative amount', () => {
      expect(() => money(-1, 'USD')).toThrow(/must not be negative/);
    });

    it('refuses an unknown currency, naming it', () => {
      expect(() => money(100, 'ABC')).toThrow(UnknownCurrencyError);
      expect(() => money(100, 'ABC')).toThrow(/"ABC"/);
    });
  });

  describe('parseMajor() and formatMoney()', () => {
    it.each([
      ['9.99', 'USD', 999, '9.99 USD'],
      ['9.9', 'USD', 990, '9.90 USD'],
      ['0.05', 'USD', 5, '0.05 USD'],
      ['1500', 'JPY', 1500, '1500 JPY'],
      ['1.250', 'KWD', 1250, '1.250 KWD'],
      ['0.001', 'KWD', 1, '0.001 KWD'],
      ['12', 'EUR', 1200, '12.00 EUR'],
    ])('%s %s is %i minor units, shown as %s', (decimal, currency, minor, shown) => {
      const value = parseMajor(decimal, currency);
      expect(value).toEqual({ amountMinor: minor, currency });
      expect(formatMoney(value)).toBe(shown);
      expect(parseMajor(formatMoney(value).split(' ')[0] ?? '', currency)).toEqual(value);
    });

    it('round-trips every amount exactly, with no float arithmetic', () => {
      for (const [currency, amountMinor] of [
        ['USD', 1],
        ['USD', 10],
        ['USD', 123456789],
        ['KWD', 999],
        ['JPY', 7],
        ['USD', Number.MAX_SAFE_INTEGER],
      ] as const) {
        const value = money(amountMinor, currency);
        expect(parseMajor(formatMoney(value).split(' ')[0] ?? '', currency)).toEqual(value);
      }
    });

    it('parses amounts where floats would round wrongly', () => {
      expect(parseMajor('0.29', 'USD').amountMinor).toBe(29); // 0.29 * 100 === 28.999999999999996
      expect(parseMajor('1.005', 'KWD').amountMinor).toBe(1005);
    });

    it('refuses more decimals than the currency has', () => {
      expect(() => parseMajor('1.5', 'JPY')).toThrow(/JPY has 0 decimal place/);
      expect(() => parseMajor('9.999', 'USD')).toThrow(InvalidAmountError);
      expect(() => parseMajor('1.2345', 'KWD')).toThrow(InvalidAmountError);
    });

    it.each(['-1.00', '1,00', '1e3', 'abc', '', '.5', '5.'])('refuses "%s"', (decimal) => {
      expect(() => parseMajor(decimal, 'USD')).toThrow(InvalidAmountError);
    });

    it('refuses an amount beyond the safe integer range', () => {
      expect(() => parseMajor('90071992547409.92', 'USD')).toThrow(/too large/);
    });

    it('refuses an unknown currency when parsing or formatting', () => {
      expect(() => parseMajor('1', 'XYZ')).toThrow(UnknownCurrencyError);
      expect(() => formatMoney({ amountMinor: 1, currency: 'XYZ' })).toThrow(UnknownCurrencyError);
    });
  });

  describe('arithmetic and comparison', () => {
    const usd = (minor: number) => money(minor, 'USD');

    it('compares, adds and subtracts in one currency', () => {
      expect(compareMoney(usd(100), usd(200))).toBe(-1);
      expect(compareMoney(usd(200), usd(200))).toBe(0);
      expect(compareMoney(usd(300), usd(200))).toBe(1);
      expect(addMoney(usd(150), usd(250))).toEqual(usd(400));
      expect(subtractMoney(usd(250), usd(50))).toEqual(usd(200));
      expect(sameMoney(usd(1), usd(1))).toBe(true);
      expect(sameMoney(usd(1), money(1, 'EUR'))).toBe(false);
    });

    it('refuses to mix currencies', () => {
      const eur = money(100, 'EUR');
      expect(() => compareMoney(usd(100), eur)).toThrow(CurrencyMismatchError);
      expect(() => addMoney(usd(100), eur)).toThrow(CurrencyMismatchError);
      expect(() => subtractMoney(usd(100), eur)).toThrow(/amount is in EUR, expected USD/);
    });

    it('refuses a subtraction that would go negative', () => {
      expect(() => subtractMoney(usd(100), usd(101))).toThrow(InvalidAmountError);
    });

    it('refuses a sum beyond the safe integer range', () => {
      expect(() => addMoney(usd(Number.MAX_SAFE_INTEGER), usd(1))).toThrow(InvalidAmountError);
    });
  });
});
