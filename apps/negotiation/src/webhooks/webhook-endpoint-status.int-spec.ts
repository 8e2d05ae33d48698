import { uuidv7 } from '@settle/contracts';
import { isolatedEnvironment, startService, type RunningService, type TestEnvironment } from '@settle/testing';
import { AppModule } from '../app.module';
import { NegotiationService } from '../service';
import { api } from '../testing/harness';

/** The seller turns an endpoint off and on again (the console's Webhooks screen); real Postgres. */
describe('negotiation: a seller disables and enables its webhook endpoint', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    environment = await isolatedEnvironment('negotiation_endpoint_status', { WEBHOOK_URL_ALLOWLIST: '127.0.0.1' });
    service = await startService(AppModule, NegotiationService);
    call = api(service);
  });

  afterAll(async () => {
    await service?.close();
    await environment?.cleanup();
  });

  it('disables (BY_SELLER) and enables again; another seller gets 404 and a platform key 403', async () => {
    const key = await service.createKey('seller', `S-${uuidv7().slice(-8)}`);
    const created = await call('POST', '/v1/webhook-endpoints', key, {
      url: 'http://127.0.0.1:9/hooks',
      eventTypes: ['*'],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    const disabled = await call('POST', `/v1/webhook-endpoints/${id}/disable`, key);
    expect({ status: disabled.status, body: disabled.body }).toMatchObject({
      status: 200,
      body: { id, status: 'DISABLED', disabledReason: 'BY_SELLER' },
    });
    expect((await call('GET', `/v1/webhook-endpoints/${id}`, key)).body).toMatchObject({ status: 'DISABLED' });
    // Again: nothing changes.
    expect((await call('POST', `/v1/webhook-endpoints/${id}/disable`, key)).body).toMatchObject({
      status: 'DISABLED',
    });

    const enabled = await call('POST', `/v1/webhook-endpoints/${id}/enable`, key);
    expect({ status: enabled.status, body: enabled.body }).toMatchObject({
      status: 200,
      body: { id, status: 'ACTIVE', disabledReason: null, disabledAt: null },
    });

    const other = await service.createKey('seller', 'S-NOT-OWNER');
    expect((await call('POST', `/v1/webhook-endpoints/${id}/disable`, other)).status).toBe(404);
    expect((await call('POST', `/v1/webhook-endpoints/${id}/enable`, other)).status).toBe(404);
    const platform = await service.createKey('platform');
    expect((await call('POST', `/v1/webhook-endpoints/${id}/disable`, platform)).status).toBe(403);
    expect((await call('POST', `/v1/webhook-endpoints/${uuidv7()}/disable`, key)).status).toBe(404);
  });
});
