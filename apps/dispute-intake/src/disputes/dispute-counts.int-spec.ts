import {
  idempotencyKey,
  OPENED_AT,
  openBody,
  OTHER_SELLER,
  SELLER,
  startIntake,
  type IntakeHarness,
} from '../testing/intake-harness';

describe('dispute-intake: counts by status for the seller desk’s quick filters', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_counts');
    h.setNow(OPENED_AT);
  });

  afterAll(async () => {
    await h.close();
  });

  async function open(sellerId: string): Promise<{ id: string; orderId: string }> {
    const response = await h.api('POST', '/v1/disputes', h.keys.platform, openBody({ sellerId }), idempotencyKey());
    expect(response.status).toBe(201);
    return response.body;
  }

  it('counts every status of the seller’s own disputes only, by order too; another seller’s filter counts nothing', async () => {
    const [first] = [await open(SELLER), await open(SELLER), await open(SELLER), await open(OTHER_SELLER)];
    const cancelled = await h.api('POST', `/v1/disputes/${first.id}/cancel`, h.keys.platform, {});
    expect(cancelled.status).toBe(200);

    const mine = await h.api('GET', '/v1/disputes/counts', h.keys.seller);
    expect(mine.status).toBe(200);
    expect(mine.body.byStatus).toMatchObject({ AWAITING_SELLER: 2, CANCELLED: 1, NEGOTIATING: 0, RESOLVED: 0 });
    expect(Object.keys(mine.body.byStatus)).toHaveLength(9);

    const byOrder = await h.api('GET', `/v1/disputes/counts?orderId=${first.orderId}`, h.keys.seller);
    expect(byOrder.body.byStatus).toMatchObject({ AWAITING_SELLER: 0, CANCELLED: 1 });

    const theirs = await h.api('GET', `/v1/disputes/counts?sellerId=${OTHER_SELLER}`, h.keys.seller);
    expect(Object.values(theirs.body.byStatus).every((count) => count === 0)).toBe(true);
    const staff = await h.api('GET', `/v1/disputes/counts?sellerId=${OTHER_SELLER}`, h.keys.staff);
    expect(staff.body.byStatus.AWAITING_SELLER).toBe(1);

    const bad = await h.api('GET', '/v1/disputes/counts?orderId=%00', h.keys.seller);
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
  });
});
