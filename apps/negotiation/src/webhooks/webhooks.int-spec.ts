import { createEnvelope, EventType, Topics, uuidv7, required } from '@settle/contracts';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { Webhook } from 'standardwebhooks';
import { AppModule } from '../app.module';
import { NegotiationService } from '../service';
import { api, OwnerSimulator, projected, WebhookReceiver } from '../testing/harness';

/**
 * Seller webhooks end to end: dispute events from the real broker, the Postgres delivery queue, and local
 * `node:http` receivers that verify every request with the `standardwebhooks` package. Retry schedule in seconds.
 */
describe('negotiation: seller webhooks (real Kafka + Postgres + local receivers)', () => {
  const TIMEOUT_MS = 4_000;
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let owner: OwnerSimulator;
  let call: ReturnType<typeof api>;
  let platformKey: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    environment = await isolatedEnvironment('negotiation_webhooks', {
      WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
      WEBHOOK_RETRY_SCHEDULE: 'PT0S,PT1S,PT2S',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_ENDPOINT_CONCURRENCY: '2',
      WEBHOOK_SECRET_OVERLAP: 'PT1H',
      // "5 days of failure" in seconds: an endpoint failing for 3 s is disabled.
      WEBHOOK_DISABLE_AFTER: 'PT3S',
    });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.DEADLINE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS]);
    service = await startService(AppModule, NegotiationService);
    call = api(service);
    owner = new OwnerSimulator(kafka);
    platformKey = await service.createKey('platform');
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await environment?.cleanup();
  });

  async function sellerWithEndpoint(
    eventTypes: string[] = ['*'],
    behaviour: WebhookReceiver['defaultBehaviour'] = 'ok',
  ) {
    const sellerId = `S-${uuidv7().slice(-8)}`;
    const key = await service.createKey('seller', sellerId);
    const receiver = new WebhookReceiver(behaviour);
    await receiver.start();
    receivers.push(receiver);
    const created = await call('POST', '/v1/webhook-endpoints', key, { url: receiver.url, eventTypes });
    expect(created.status).toBe(201);
    return { sellerId, key, receiver, endpoint: created.body as { id: string; secret: string } };
  }

  const verify = (secret: string, request: { body: string; headers: Record<string, string> }) =>
    new Webhook(secret).verify(request.body, request.headers) as { id: string; type: string };

  it('registers an endpoint with a whsec_ secret shown once; refuses private URLs (SSRF) and bad input', async () => {
    const { key, endpoint } = await sellerWithEndpoint(['dispute.opened']);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const fetched = await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, key);
    expect(fetched.body).toMatchObject({ id: endpoint.id, status: 'ACTIVE', eventTypes: ['dispute.opened'] });
    expect(JSON.stringify(fetched.body)).not.toContain('whsec_');
    expect(JSON.stringify((await call('GET', '/v1/webhook-endpoints', key)).body)).not.toContain('whsec_');

    for (const url of [
      'http://10.0.0.1/hooks',
      'http://169.254.169.254/latest',
      'http://[::1]:8080/',
      'http://192.168.0.5',
    ]) {
      const refused = await call('POST', '/v1/webhook-endpoints', key, { url, eventTypes: ['*'] });
      expect({ url, status: refused.status, type: refused.body.type }).toEqual({
        url,
        status: 422,
        type: '/problems/webhook-url-not-allowed',
      });
    }
    const mapped = await call('POST', '/v1/webhook-endpoints', key, {
      url: 'http://[::ffff:7f00:2]/',
      eventTypes: ['*'],
    });
    expect(mapped.body).toMatchObject({
      type: '/problems/webhook-url-not-allowed',
      detail: 'url: host ::ffff:7f00:2 is a loopback address; only public addresses are allowed.',
      errors: [
        { field: 'url', message: 'host ::ffff:7f00:2 is a loopback address; only public addresses are allowed' },
      ],
    });
    // The README's old example: refused because its host has no DNS address, and the problem says so.
    const unresolvable = await call('POST', '/v1/webhook-endpoints', key, {
      url: 'https://seller.example/hooks',
      eventTypes: ['*'],
    });
    expect({ status: unresolvable.status, body: unresolvable.body }).toMatchObject({
      status: 422,
      body: {
        type: '/problems/webhook-url-unresolvable',
        detail: 'url: host seller.example does not resolve (no DNS address).',
        errors: [{ field: 'url', message: 'host seller.example does not resolve (no DNS address)' }],
      },
    });
    const badType = await call('POST', '/v1/webhook-endpoints', key, {
      url: 'http://127.0.0.1:1/x',
      eventTypes: ['order.paid'],
    });
    expect(badType.status).toBe(400);
    expect(
      (await call('POST', '/v1/webhook-endpoints', platformKey, { url: 'http://127.0.0.1:1/x', eventTypes: ['*'] }))
        .status,
    ).toBe(403);
    const other = await service.createKey('seller', 'S-NOT-OWNER');
    expect((await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, other)).status).toBe(404);
    expect((await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, other)).status).toBe(404);
  });

  it('delivers dispute events, seller reminders and buyer messages, signed so standardwebhooks verifies them', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint([
      'dispute.opened',
      'deadline.reminder',
      'message.posted',
    ]);
    const dispute = await owner.open(sellerId);
    const opened = await eventually(() => receiver.requests[0], { what: 'the dispute.opened delivery' });
    const event = verify(endpoint.secret, opened);
    expect(event).toMatchObject({ type: 'dispute.opened', subject: dispute.disputeId });
    expect(opened.headers['content-type']).toBe('application/json');

    await projected(call, key, dispute.disputeId);
    const reminder = createEnvelope(
      {
        type: EventType.DEADLINE_REMINDER,
        source: 'escalation-timer',
        subject: dispute.disputeId,
        sellerId,
        data: {
          deadlineId: uuidv7(),
          disputeId: dispute.disputeId,
          kind: 'SELLER_RESPONSE',
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
          party: 'SELLER',
          openActions: ['RESPOND'],
          remindedAt: new Date().toISOString(),
          evidenceChecklist: {
            items: [
              {
                id: 'SELLER_PROOF_OF_POSTING',
                party: 'SELLER',
                kinds: ['TRACKING', 'DOCUMENT'],
                description: 'Tracking with a delivery scan, or proof of posting',
                provided: false,
                evidenceIds: [],
              },
            ],
            missing: ['SELLER_PROOF_OF_POSTING'],
          },
        },
      },
      { validateData: true },
    );
    await kafka.produce(Topics.DEADLINE_EVENTS, [{ key: dispute.disputeId, value: JSON.stringify(reminder) }]);
    await call('POST', `/v1/disputes/${dispute.disputeId}/messages`, key, { body: 'Hello, we will check.' });
    await call('POST', `/v1/disputes/${dispute.disputeId}/messages`, platformKey, { body: 'Hello, any news?' });
    await eventually(() => receiver.requests.length >= 3, { what: 'the reminder and the buyer message' });
    const types = receiver.requests.map((request) => verify(endpoint.secret, request).type);
    expect(types.sort()).toEqual(['deadline.reminder', 'dispute.opened', 'message.posted']);
    // The reminder reaches the seller as escalation-timer sent it, with what the seller is still expected to provide.
    const forwarded = receiver.events().find((event) => event.type === 'deadline.reminder')!;
    expect(forwarded.data).toEqual(reminder.data);
    const message = receiver.events().find((delivered) => delivered.type === 'message.posted')!;
    expect(message.data).toMatchObject({ author: { role: 'BUYER' }, body: 'Hello, any news?' });
  });

  it('retries a failing receiver on the schedule with the same webhook-id, and logs every attempt', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint(['dispute.opened']);
    receiver.behaviours = ['fail', 'fail'];
    await owner.open(sellerId);
    await eventually(() => receiver.requests.length >= 3, { what: 'three attempts', timeoutMs: 20_000 });
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    receiver.requests.forEach((request) => verify(endpoint.secret, request));
    const times = receiver.requests.map((request) => request.receivedAt);
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? time));
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000 - 5);
    expect(gaps[1]).toBeGreaterThanOrEqual(2_000 - 5);
    const delivery = await eventually(async () => {
      const response = await call('GET', `/v1/webhook-deliveries/${ids[0]}`, key);
      return response.body?.status === 'SUCCEEDED' ? response.body : undefined;
    });
    expect(delivery.attempts.map((attempt: any) => attempt.statusCode)).toEqual([500, 500, 204]);
    const log = await call('GET', `/v1/webhook-deliveries?endpointId=${endpoint.id}`, key);
    expect(log.body.items.map((item: any) => item.id)).toEqual([ids[0]]);
  });

  it('holds a failed endpoint’s other deliveries until its retry, then sends them once it answers again', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint(['dispute.opened']);
    receiver.behaviours = ['fail'];
    await owner.open(sellerId);
    await eventually(() => receiver.requests.length >= 1, { what: 'the first, failing attempt' });
    const backingOff = await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, key);
    expect(backingOff.body).toMatchObject({ failingSince: expect.any(String), retryAfter: expect.any(String) });
    // Two more events while the endpoint backs off: neither is tried before the failed delivery's retry (1 s).
    await owner.open(sellerId);
    await owner.open(sellerId);
    await eventually(() => receiver.requests.length >= 4, { what: 'the retry and the two held deliveries' });
    const failedAt = required(receiver.requests[0], 'the failed delivery').receivedAt;
    for (const request of receiver.requests.slice(1))
      expect(request.receivedAt - failedAt).toBeGreaterThanOrEqual(1_000 - 5);
    expect(new Set(receiver.requests.map((request) => request.headers['webhook-id'])).size).toBe(3);
    const recovered = await eventually(async () => {
      const response = await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, key);
      return response.body.failingSince === null ? response.body : undefined;
    });
    expect(recovered.retryAfter).toBeNull();
    expect(receiver.requests).toHaveLength(4);
  });

  it('disables an endpoint that answers 410', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint(['dispute.opened'], 'gone');
    await owner.open(sellerId);
    const disabled = await eventually(async () => {
      const response = await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, key);
      return response.body.status === 'DISABLED' ? response.body : undefined;
    });
    expect(disabled).toMatchObject({ disabledReason: 'GONE', disabledAt: expect.any(String) });
    expect(receiver.requests).toHaveLength(1);
  });

  it('disables an endpoint failing for the whole disable period and tells the seller on its other endpoint', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint(['dispute.opened'], 'fail');
    const notices = new WebhookReceiver('ok');
    await notices.start();
    receivers.push(notices);
    const second = await call('POST', '/v1/webhook-endpoints', key, {
      url: notices.url,
      eventTypes: ['webhook_endpoint.disabled'],
    });
    await owner.open(sellerId);
    const disabled = await eventually(
      async () => {
        const response = await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, key);
        return response.body.status === 'DISABLED' ? response.body : undefined;
      },
      { timeoutMs: 20_000, what: 'the failing endpoint to be disabled' },
    );
    expect(disabled.disabledReason).toBe('FAILING_TOO_LONG');
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
    const notice = await eventually(() => notices.requests[0], { what: 'the notice on the other endpoint' });
    expect(verify(second.body.secret, notice)).toMatchObject({
      type: 'webhook_endpoint.disabled',
      data: { endpointId: endpoint.id, reason: 'FAILING_TOO_LONG' },
    });
  });

  it('after a rotation, signs with both secrets during the overlap; replay re-sends', async () => {
    const { sellerId, key, receiver, endpoint } = await sellerWithEndpoint(['dispute.opened']);
    const rotated = await call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, key);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await owner.open(sellerId);
    const request = await eventually(() => receiver.requests[0], { what: 'a delivery after the rotation' });
    expect(request.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, request).type).toBe('dispute.opened');
    expect(verify(rotated.body.secret, request).type).toBe('dispute.opened');

    const deliveryId = request.headers['webhook-id'];
    await eventually(
      async () => (await call('GET', `/v1/webhook-deliveries/${deliveryId}`, key)).body.status === 'SUCCEEDED',
    );
    const replay = await call('POST', `/v1/webhook-deliveries/${deliveryId}/replay`, key);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayOf: deliveryId, status: 'PENDING' });
    const again = await eventually(() => receiver.requests[1], { what: 'the replayed delivery' });
    expect(again.headers['webhook-id']).toBe(replay.body.id);
    expect(verify(rotated.body.secret, again).id).toBe(verify(rotated.body.secret, request).id);
  });

  it('a hanging endpoint does not delay another seller’s delivery', async () => {
    const hanging = await sellerWithEndpoint(['dispute.opened'], 'hang');
    const healthy = await sellerWithEndpoint(['dispute.opened']);
    for (let n = 0; n < 6; n += 1) await owner.open(hanging.sellerId);
    await eventually(() => hanging.receiver.openRequests >= 2, { what: 'the hanging endpoint to hold its requests' });
    const sentAt = Date.now();
    await owner.open(healthy.sellerId);
    const delivered = await eventually(() => healthy.receiver.requests[0], { what: 'the healthy seller’s delivery' });
    const latencyMs = delivered.receivedAt - sentAt;
    // Delivered while the hanging endpoint still holds its requests, well inside one timeout.
    expect(hanging.receiver.openRequests).toBeGreaterThan(0);
    expect(latencyMs).toBeLessThan(TIMEOUT_MS / 2);
    verify(healthy.endpoint.secret, delivered);
  });
});
