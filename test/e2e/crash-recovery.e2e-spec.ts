import { Journeys } from './support/journey';

/**
 * A crash costs seconds: a service killed with SIGKILL and started again serves HTTP and answers /health/ready
 * within 5 s, although the broker still counts its dead predecessor as a member of the group (for the whole
 * session timeout, 30 s here on purpose: the old default). Its consumers join once that member expires, and catch up.
 */
describe('a service restarted after kill -9', () => {
  let journeys: Journeys;

  beforeAll(async () => {
    journeys = await Journeys.start(
      'crash',
      // The seller answers after the consumer's wait: no deadline may decide the disputes meanwhile.
      { sellerResponse: 'PT5M', reminderLead: 'PT1M', platformIntervention: 'PT10M' },
      { env: { KAFKA_SESSION_TIMEOUT_MS: '30000' } },
    );
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  it('is ready in under 5 s while its dead predecessor still holds the group, and its consumers catch up', async () => {
    const { cluster } = journeys;
    const seller = await journeys.seller();
    const before = await journeys.open(seller);

    await cluster.kill('dispute-intake');
    const started = Date.now();
    await cluster.startService('dispute-intake');
    const readyMs = Date.now() - started;
    expect(readyMs).toBeLessThan(5_000);

    // It serves HTTP at once: a dispute opened now is written, announced and known to negotiation.
    const after = await journeys.open(seller);
    // Its consumer joins once the dead member's session ends, then applies the commands waiting for it.
    for (const id of [before, after]) {
      await journeys.act(seller.key, `/v1/disputes/${id}/responses`, { action: 'ACCEPT' });
    }
    for (const id of [before, after]) {
      await journeys.waitStatus(id, 'RESOLVED', 60_000);
      journeys.expectEachEventOnce(id);
    }
  }, 150_000);
});
