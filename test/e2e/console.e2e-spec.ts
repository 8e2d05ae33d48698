import { eventually } from '@settle/testing';
import { cookieOf } from '../../apps/console/src/testing/console-harness';
import { SettleCluster } from './support/settle-cluster';

/**
 * The console as `npm start` runs it (a process from dist/, beside the four services), with the demo seed: a staff
 * member signs in by pasting the demo staff key and finds, through the console's gateway, the cases the seed put in
 * the queue: the overdue one, the one claimed by them, the ruled one, and the tassel-pendant case with the listing
 * audit's sale-unit finding in force when the buyer paid.
 */
describe('the console beside the four services, on the demo seed', () => {
  let cluster: SettleCluster;

  beforeAll(async () => {
    cluster = await SettleCluster.start('console', {
      console: true,
      policy: { buyerEscalateFrom: 'PT1S', staffRulingSla: 'PT20S' },
    });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves the staff queue of the demo through the gateway to a staff member signed in with the demo key', async () => {
    const demo = await cluster.seedDemo();
    expect(demo.escalations).toHaveLength(4);
    expect(demo.escalations.join(' ')).not.toMatch(/not all seeded/);
    const staffKey = demo.keys.find((key) => key.role === 'staff')!.key;
    const origin = cluster.url('console');
    const signIn = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-settle-console': '1' },
      body: JSON.stringify({ apiKey: staffKey }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ role: 'staff', workspace: 'staff', staffId: 'staff-demo' });
    const cookie = cookieOf(signIn);
    const get = async (path: string) => {
      const response = await fetch(`${origin}/api/escalation-timer${path}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };

    const overdue = await eventually(
      async () => {
        const page = await get('/v1/escalations?overdue=true');
        return page.items.length > 0 ? page.items : undefined;
      },
      { timeoutMs: 60_000, what: 'an overdue case in the queue' },
    );
    expect(overdue[0].dueAt <= new Date().toISOString()).toBe(true);
    const claimed = await get('/v1/escalations?status=CLAIMED');
    expect(claimed.items).toEqual([expect.objectContaining({ claimedBy: 'staff-demo' })]);
    const ruled = await get('/v1/escalations?status=RULED');
    expect(ruled.items).toHaveLength(1);

    const all = await get('/v1/escalations?limit=100');
    const cases = await Promise.all(all.items.map((item: { id: string }) => get(`/v1/escalations/${item.id}`)));
    const tassel = cases.find((theCase) => JSON.stringify(theCase).includes('SALE_UNIT_PRICE_MISMATCH'));
    expect(tassel).toBeDefined();
    expect(tassel.predictedRuling).toMatchObject({ outcome: 'REFUND_BUYER' });
    expect(JSON.stringify(tassel.listingAtPurchase)).toMatch(/lot of 10/);

    // A state-changing call through the gateway, as the web app makes it: the staff member claims the overdue case.
    const claim = await fetch(`${origin}/api/escalation-timer/v1/escalations/${overdue[0].id}/claim`, {
      method: 'POST',
      headers: { cookie, origin, 'x-settle-console': '1', 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    expect(claim.status).toBe(200);
    expect(await claim.json()).toMatchObject({ id: overdue[0].id, status: 'CLAIMED', claimedBy: 'staff-demo' });
  }, 180_000);
});
