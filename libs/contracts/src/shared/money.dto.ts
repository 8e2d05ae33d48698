import { IsIn, IsInt, Min } from 'class-validator';
import { CURRENCY_EXPONENTS, type Money } from '../money';
import { IsSafeInteger } from '../validation';

export const KNOWN_CURRENCIES: readonly string[] = Object.freeze(Object.keys(CURRENCY_EXPONENTS).sort());

/** Money on the wire: `{ "amountMinor": 1999, "currency": "USD" }`; never a float, never negative. */
export class MoneyDto implements Money {
  @IsInt()
  @Min(0)
  @IsSafeInteger()
  amountMinor!: number;

  @IsIn(KNOWN_CURRENCIES, { message: '$property must be a known ISO 4217 currency code' })
  currency!: string;
}
