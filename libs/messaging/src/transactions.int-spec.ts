import { EventType } from '@settle/contracts';
import { sampleEnvelope } from '@settle/contracts/testing';
import { createServiceDataSource, runServiceMigrations } from '@settle/platform';
import { isolatedEnvironment, type TestEnvironment } from '@settle/testing';
import type { DataSource } from 'typeorm';
import { dispatch } from './dispatch';
import { TransactionRunner, type TransactionWork } from './transactions';

describe('TransactionRunner: one transaction and inbox idiom (real Postgres)', () => {
  let environment: TestEnvironment;
  let dataSource: DataSource;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    environment = await isolatedEnvironment('transactions');
    dataSource = await createServiceDataSource({
      databaseUrl: environment.databaseUrl,
      schema: environment.schema,
    }).initialize();
    await runServiceMigrations(dataSource, environment.schema);
    await dataSource.query(`CREATE TABLE orders (id text PRIMARY KEY, paid integer NOT NULL DEFAULT 0)`);
    transactions = new TransactionRunner(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await environment.cleanup();
  });

  const count = async (id: string) =>
    Number((await dataSource.query(`SELECT paid FROM orders WHERE id = $1`, [id]))[0]?.paid ?? 0);

  /** The consumer idiom: typed dispatch picks the work, handleOnce runs it with the inbox record. */
  async function consume(envelope: ReturnType<typeof sampleEnvelope>, consumer = 'orders-spec'): Promise<boolean> {
    const work = dispatch<TransactionWork>(envelope, {
      [EventType.ORDER_PAID]: (paid) => async (tx) => {
        await tx.query(
          `INSERT INTO orders (id, paid) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET paid = orders.paid + 1`,
          [paid.orderId],
        );
      },
    });
    if (!work) return false;
    return transactions.handleOnce(consumer, envelope, work);
  }

  it('applies a redelivered event once', async () => {
    const paid = sampleEnvelope(EventType.ORDER_PAID, {
      ...sampleEnvelope(EventType.ORDER_PAID).data,
      orderId: 'ord-once',
    });
    expect(await consume(paid)).toBe(true);
    expect(await consume(paid)).toBe(false);
    expect(await consume({ ...paid })).toBe(false);
    expect(await count('ord-once')).toBe(1);
  });

  it('applies one event once per consumer name', async () => {
    const paid = sampleEnvelope(EventType.ORDER_PAID, {
      ...sampleEnvelope(EventType.ORDER_PAID).data,
      orderId: 'ord-two',
    });
    expect(await consume(paid, 'projection-a')).toBe(true);
    expect(await consume(paid, 'projection-b')).toBe(true);
    expect(await consume(paid, 'projection-a')).toBe(false);
    expect(await count('ord-two')).toBe(2);
  });

  it('records nothing when the work fails, so the retry applies it', async () => {
    const paid = sampleEnvelope(EventType.ORDER_PAID, {
      ...sampleEnvelope(EventType.ORDER_PAID).data,
      orderId: 'ord-fail',
    });
    await expect(
      transactions.handleOnce('orders-spec', paid, async (tx) => {
        await tx.query(`INSERT INTO orders (id, paid) VALUES ('ord-fail', 1)`);
        throw new Error('crashed after the write');
      }),
    ).rejects.toThrow('crashed after the write');
    expect(await count('ord-fail')).toBe(0);
    expect(await consume(paid)).toBe(true);
    expect(await count('ord-fail')).toBe(1);
  });

  it('ignores a type the consumer registered no handler for, without an inbox record', async () => {
    const shipped = sampleEnvelope(EventType.ORDER_SHIPPED);
    expect(await consume(shipped)).toBe(false);
    expect(await dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [shipped.id])).toHaveLength(0);
  });

  it('runs a command handler’s work in one transaction and returns its result', async () => {
    await expect(
      transactions.run(async (tx) => {
        await tx.query(`INSERT INTO orders (id, paid) VALUES ('ord-run', 5)`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await count('ord-run')).toBe(0);
    expect(await transactions.run(async (tx) => (await tx.query(`SELECT 41 + 1 AS n`))[0].n)).toBe(42);
  });
});
