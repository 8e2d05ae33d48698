import { Journeys } from './support/journey';

/**
 * A crash costs seconds: a service killed with SIGKILL and started again serves HTTP and answers /health/ready
 * although the broker still counts its dead predecessor as a member of the group (for the whole session timeout,
 * 30 s here on purpose: the old default), so it is ready well before that member expires. Its consumers join once it
 * does, and catch up. How many seconds a restart costs is measured by test/bench/faults.ts, not asserted here.
 */
const SESSION_TIMEOUT_MS = 30_000;

describe('a service restarted after kill -9', () => {
  let journeys: Journeys;

  beforeAll(async () => {
    journeys = await Journeys.start(
      'crash',
      // The seller answers after the consumer's wait: no deadline may decide the disputes meanwhile.
      { sellerResponse: 'PT5M', reminderLead: 'PT1M', platformIntervention: 'PT10M' },
      { env: { KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) } },
    );
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  it('is ready while its dead predecessor still holds the group, and its consumers catch up', async () => {
    const { cluster } = journeys;
    const seller = await journeys.seller();
    const before = await journeys.open(seller);

    await cluster.kill('dispute-intake');
    const started = Date.now();
    await cluster.startService('dispute-intake');
    const readyMs = Date.now() - started;
    // Waiting for the group would take the session timeout (30 s); a third of it leaves room for a loaded machine.
    expect(readyMs).toBeLessThan(SESSION_TIMEOUT_MS / 3);

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
