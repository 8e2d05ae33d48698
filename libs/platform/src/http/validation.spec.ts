import { Type } from 'class-transformer';
import { ValidationPipe, type PipeTransform } from '@nestjs/common';
import { IsInt, IsString, Min, ValidateNested, validate } from 'class-validator';
import { ValidationFailed } from '../errors';
import { createValidationPipe, fieldErrors, memoizeValidationMetadata } from './validation';

class Amount {
  @IsInt()
  @Min(0)
  minor!: number;
}

class Order {
  @IsString()
  id!: string;

  @ValidateNested()
  @Type(() => Amount)
  amount!: Amount;
}

/** What the pipe answers for `body` as an `Order`: the value, or the fields it refused. */
async function pipe(
  body: unknown,
  metatype: new () => object = Order,
  validation: PipeTransform = createValidationPipe(),
): Promise<unknown> {
  try {
    return await validation.transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof ValidationFailed) return (error.extensions.errors as { field: string }[]).map((e) => e.field);
    throw error;
  }
}

const BODIES = [
  { id: 'O-1', amount: { minor: 5 } },
  { id: 7, amount: { minor: -1 } },
  { id: 'O-1', amount: { minor: 5, cents: 1 }, extra: true },
  { amount: 'five' },
];

describe('validation with memoized class-validator metadata', () => {
  it('answers as class-validator does unmemoized, on every call', async () => {
    // The global pipe's options, without the memoization (createValidationPipe would install it).
    const plain = new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new ValidationFailed(fieldErrors(errors)),
    });
    const before = await Promise.all(BODIES.map((body) => pipe(body, Order, plain)));
    expect(before.slice(1)).toEqual([
      ['id', 'amount.minor'],
      ['extra', 'amount.cents'],
      expect.arrayContaining(['id']),
    ]);
    memoizeValidationMetadata();
    for (let round = 0; round < 3; round += 1)
      expect(await Promise.all(BODIES.map((body) => pipe(body)))).toEqual(before);
    expect(before[0]).toBeInstanceOf(Order);
  });

  it('sees rules of classes defined after it was memoized, and inherited rules', async () => {
    expect(await pipe({ id: 'O-1', amount: { minor: 5 } })).toBeInstanceOf(Order);
    class LateOrder extends Order {
      @IsString()
      note!: string;
    }
    expect(await pipe({ id: 'O-1', amount: { minor: 5 }, note: 3 }, LateOrder)).toEqual(['note']);
    expect(await pipe({ id: 2, amount: { minor: 5 }, note: 'ok' }, LateOrder)).toEqual(['id']);
    expect(
      await validate(
        Object.assign(new LateOrder(), { id: 'x', amount: Object.assign(new Amount(), { minor: 1 }), note: 'n' }),
      ),
    ).toEqual([]);
  });
});
