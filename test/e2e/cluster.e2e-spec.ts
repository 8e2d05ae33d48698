import { SERVICES } from '../../deploy/scripts/services';
import { SettleCluster } from './support/settle-cluster';

/**
 * The harness every journey runs on: the four services as separate processes, each with its docs, its
 * health, and the same API keys; a service killed with SIGKILL comes back on the same port and state.
 */
describe('the four services as processes', () => {
  let cluster: SettleCluster;

  beforeAll(async () => {
    cluster = await SettleCluster.start('cluster');
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves health, docs and keyed APIs from every service', async () => {
    const staff = await cluster.createKey('staff');
    for (const { name } of SERVICES) {
      expect((await cluster.call(name, 'GET', '/health/ready')).status).toBe(200);
      const docs = await cluster.call<{ info: { title: string } }>(name, 'GET', '/docs-json');
      expect(docs.body.info.title).toContain(name);
      expect((await cluster.call(name, 'GET', '/v1/unknown', { key: staff })).status).toBe(404);
      const anonymous = await cluster.call(name, 'GET', '/v1/unknown');
      expect([401, 404]).toContain(anonymous.status);
    }
  });

  it('restarts a service killed with SIGKILL', async () => {
    await cluster.kill('dispute-intake');
    await expect(fetch(`${cluster.url('dispute-intake')}/health/live`)).rejects.toThrow();
    await cluster.startService('dispute-intake');
    expect((await cluster.call('dispute-intake', 'GET', '/health/ready')).status).toBe(200);
  }, 120_000);
});
