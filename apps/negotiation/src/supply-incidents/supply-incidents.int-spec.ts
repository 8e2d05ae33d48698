import { createEnvelope, EventType, Topics, uuidv7 } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { AppModule } from '../app.module';
import { NegotiationService } from '../service';
import { api, OwnerSimulator, WebhookReceiver } from '../testing/harness';

/** Supply incidents on negotiation, through HTTP and the real broker and Postgres (issue 19). */
describe('negotiation: supply incidents (real Kafka + Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let owner: OwnerSimulator;
  let receiver: WebhookReceiver;
  let call: ReturnType<typeof api>;
  let keys: { platform: string; seller: string; otherSeller: string; staff: string };
  const SELLER = `S-${uuidv7().slice(-6)}`;
  const OTHER = `S-${uuidv7().slice(-6)}`;
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  async function publish(topic: string, type: string, subject: string, data: object) {
    const envelope = createEnvelope(
      { type, source: 'marketplace', subject, sellerId: (data as any).sellerId, data },
      { validateData: true },
    );
    await kafka.produce(topic, [{ key: subject, value: JSON.stringify(envelope) }]);
  }

  async function listing(sellerId: string, skuIds = ['SKU-EU', 'SKU-US']) {
    const listingId = `L-${uuidv7().slice(-8)}`;
    const sample = eventSamples[EventType.LISTING_UPSERTED]();
    const [sku] = sample.skus;
    await publish(Topics.LISTING_EVENTS, EventType.LISTING_UPSERTED, listingId, {
      ...sample,
      listingId,
      sellerId,
      skus: skuIds.map((skuId) => ({ ...sku, skuId })),
    });
    return listingId;
  }

  async function paid(listingId: string, buyerLocale: string, skuId = 'SKU-EU') {
    const orderId = `ORD-${uuidv7().slice(-8)}`;
    await publish(Topics.ORDER_EVENTS, EventType.ORDER_PAID, orderId, {
      ...eventSamples[EventType.ORDER_PAID](),
      orderId,
      buyerId: `B-${orderId}`,
      sellerId: SELLER,
      listingId,
      skuId,
      buyerLocale,
      paidAt: new Date().toISOString(),
    });
    return orderId;
  }

  /** Declares once the service has heard of the listing (a 404 before that changes nothing). */
  async function declared(key: string, body: object) {
    return eventually(
      async () => {
        const response = await call('POST', '/v1/supply-incidents', key, body);
        return response.status === 404 ? undefined : response;
      },
      { what: 'the listing known to negotiation' },
    );
  }

  const ofType = (type: string, incidentId: string) =>
    kafka
      .events(type.startsWith('order.') ? Topics.ORDER_EVENTS : Topics.LISTING_EVENTS)
      .filter((event) => event.type === type && (event.data as any).incidentId === incidentId);

  beforeAll(async () => {
    environment = await isolatedEnvironment('negotiation_supply', {
      WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
      WEBHOOK_POLL_MS: '50',
    });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.DEADLINE_EVENTS]);
    await kafka.watch([Topics.ORDER_EVENTS, Topics.LISTING_EVENTS, Topics.DISPUTE_COMMANDS, Topics.MESSAGE_EVENTS]);
    service = await startService(AppModule, NegotiationService);
    call = api(service);
    owner = new OwnerSimulator(kafka);
    receiver = new WebhookReceiver();
    await receiver.start();
    keys = {
      platform: await service.createKey('platform'),
      seller: await service.createKey('seller', SELLER),
      otherSeller: await service.createKey('seller', OTHER),
      staff: await service.createKey('staff'),
    };
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await receiver?.stop();
    await environment?.cleanup();
  });

  it('a declaration notifies and offers a refund once per unshipped order, in the buyer’s language; later orders join, shipped ones drop out', async () => {
    const listingId = await listing(SELLER);
    const before = [await paid(listingId, 'fr-FR'), await paid(listingId, 'es'), await paid(listingId, 'ru')] as const;
    const shipped = await paid(listingId, 'en');
    await publish(Topics.ORDER_EVENTS, EventType.ORDER_SHIPPED, shipped, {
      ...eventSamples[EventType.ORDER_SHIPPED](),
      orderId: shipped,
      shippedAt: new Date().toISOString(),
    });
    const response = await declared(keys.seller, {
      listingId,
      cause: 'SUPPLIER_FAILED',
      expectedRestockAt: future(30),
    });
    expect(response.status).toBe(201);
    const incident = response.body;
    expect(incident).toMatchObject({ status: 'OPEN', remedy: 'FULL_REFUND', sellerId: SELLER, skuIds: [] });
    const after = await paid(listingId, 'pt-BR');

    const [opened] = await eventually(() => {
      const events = ofType(EventType.LISTING_SUPPLY_INCIDENT_OPENED, incident.id);
      return events.length > 0 ? events : undefined;
    });
    expect(opened?.data).toMatchObject({ requestedActions: ['EXTEND_PROCESSING_TIME', 'DELIST_UNTIL_RESTOCKED'] });
    expect(opened?.subject).toBe(listingId);

    // Orders consumed after the declaration (the order topic runs beside it) join as they arrive; the shipped one
    // drops out whichever came first.
    const progress = await eventually(async () => {
      const view = await call('GET', `/v1/supply-incidents/${incident.id}`, keys.seller);
      const known = new Set(view.body.orders.map((order: any) => order.orderId));
      const shippedRow = view.body.orders.find((order: any) => order.orderId === shipped);
      const settledIn =
        [...before, after].every((orderId) => known.has(orderId)) && (!shippedRow || shippedRow.droppedAt);
      return settledIn ? view.body : undefined;
    });
    expect(progress.progress).toMatchObject({ affectedOrders: 4, noticesSent: 4, refundsOffered: 4 });

    const notices = await eventually(() => {
      const events = ofType(EventType.ORDER_BUYER_NOTICE_REQUESTED, incident.id);
      return events.length >= 4 ? events : undefined;
    });
    const offers = ofType(EventType.ORDER_REFUND_OFFERED, incident.id);
    const noticeOf = (orderId: string) =>
      notices.filter((event) => event.subject === orderId).map((event) => event.data as any);
    expect(noticeOf(before[0])).toEqual([expect.objectContaining({ locale: 'fr' })]);
    expect(noticeOf(before[1])).toEqual([expect.objectContaining({ locale: 'es' })]);
    expect(noticeOf(before[2])).toEqual([expect.objectContaining({ locale: 'ru' })]);
    expect(noticeOf(after)).toEqual([expect.objectContaining({ locale: 'pt' })]);
    const offeredTo = offers.map((event) => event.subject).sort();
    expect(new Set(offeredTo).size).toBe(offeredTo.length);
    for (const orderId of [...before, after]) expect(offeredTo).toContain(orderId);

    const list = await call('GET', '/v1/supply-incidents', keys.seller);
    expect(list.body.items.map((item: any) => item.id)).toContain(incident.id);
    expect((await call('GET', `/v1/supply-incidents/${incident.id}`, keys.otherSeller)).status).toBe(404);
    expect((await call('GET', `/v1/supply-incidents/${incident.id}`, keys.staff)).status).toBe(200);

    const updated = await call('PATCH', `/v1/supply-incidents/${incident.id}`, keys.seller, {
      expectedRestockAt: future(45),
    });
    expect(updated.status).toBe(200);
    const closed = await call('POST', `/v1/supply-incidents/${incident.id}/close`, keys.seller);
    expect(closed.body).toMatchObject({ status: 'CLOSED' });
    expect((await call('POST', `/v1/supply-incidents/${incident.id}/close`, keys.seller)).status).toBe(409);
    await eventually(() => ofType(EventType.LISTING_SUPPLY_INCIDENT_CLOSED, incident.id)[0]);
  });

  it('bad input gets problem+json naming the field and changes nothing', async () => {
    const listingId = await listing(SELLER);
    const theirs = await listing(OTHER);
    const first = await declared(keys.platform, { listingId, skuIds: ['SKU-EU'], cause: 'OUT_OF_STOCK' });
    expect(first.status).toBe(201);
    await declared(keys.otherSeller, { listingId: theirs, cause: 'OTHER', expectedRestockAt: '2020-01-01T00:00:00Z' });

    const refusals: [string, object, number, string][] = [
      ['another seller’s listing', { listingId: theirs, cause: 'OTHER' }, 404, 'NOT_FOUND'],
      ['an unknown listing', { listingId: 'L-NOPE', cause: 'OTHER' }, 404, 'NOT_FOUND'],
      [
        'a restock date in the past',
        { listingId, skuIds: ['SKU-US'], cause: 'OTHER', expectedRestockAt: '2020-01-01T00:00:00Z' },
        422,
        'DATE_IN_THE_PAST',
      ],
      ['a second open incident', { listingId, cause: 'OUT_OF_STOCK' }, 409, 'SUPPLY_INCIDENT_ALREADY_OPEN'],
      ['an unknown cause', { listingId, skuIds: ['SKU-US'], cause: 'BAD_LUCK' }, 400, 'VALIDATION_FAILED'],
      ['an unknown SKU', { listingId, skuIds: ['SKU-XX'], cause: 'OTHER' }, 422, 'UNKNOWN_SKU'],
    ];
    for (const [what, body, status, code] of refusals) {
      const response = await call('POST', '/v1/supply-incidents', keys.seller, body);
      expect({ what, status: response.status, code: response.body.code }).toEqual({ what, status, code });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const cause = await call('POST', '/v1/supply-incidents', keys.seller, { listingId, cause: 'BAD_LUCK' });
    expect(cause.body.errors).toEqual([expect.objectContaining({ field: 'cause' })]);
    const past = await call('PATCH', `/v1/supply-incidents/${first.body.id}`, keys.seller, {
      expectedRestockAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(422);

    const mine = await call('GET', '/v1/supply-incidents', keys.seller);
    expect(mine.body.items.filter((item: any) => item.listingId === listingId)).toEqual([
      expect.objectContaining({ id: first.body.id, expectedRestockAt: null }),
    ]);
    const theirIncidents = await call('GET', '/v1/supply-incidents', keys.otherSeller);
    expect(theirIncidents.body.items).toEqual([]);
    expect(
      kafka
        .events(Topics.LISTING_EVENTS)
        .filter((event) => event.subject === theirs && event.type.startsWith('listing.supply')),
    ).toEqual([]);
  });

  /** dispute-intake's dispute.opened on `orderId`, in the buyer's locale (the sample's order: USD 59.98 paid). */
  async function disputeOn(orderId: string, buyerLocale: string) {
    const disputeId = uuidv7();
    const sample = eventSamples[EventType.DISPUTE_OPENED]();
    await owner.publish(
      disputeId,
      SELLER,
      EventType.DISPUTE_OPENED,
      { ...sample, disputeId, orderId, sellerId: SELLER, buyerId: `B-${orderId}`, buyerLocale, openedAt: now() },
      1,
    );
    return disputeId;
  }

  const now = () => new Date().toISOString();
  const progressOf = async (incidentId: string) =>
    (await call('GET', `/v1/supply-incidents/${incidentId}`, keys.seller)).body;
  const rowOf = (view: any, disputeId: string) => view.disputes.find((row: any) => row.disputeId === disputeId);

  it('proposes a full refund on each open dispute of the affected orders once, asks for the withdrawal in the buyer’s language once applied, records refusals, and tells the seller when every order is settled', async () => {
    const listingId = await listing(SELLER);
    const [orderA, orderB, orderC] = [
      await paid(listingId, 'es'),
      await paid(listingId, 'ru'),
      await paid(listingId, 'fr'),
    ];
    const disputeA = await disputeOn(orderA, 'es-MX');
    const disputeB = await disputeOn(orderB, 'ru');
    await eventually(async () =>
      (await call('GET', `/v1/disputes/${disputeB}/proposals`, keys.seller)).status === 200 &&
      (await call('GET', `/v1/disputes/${disputeA}/proposals`, keys.seller)).status === 200
        ? true
        : undefined,
    );
    const endpoint = await call('POST', '/v1/webhook-endpoints', keys.seller, {
      url: receiver.url,
      eventTypes: ['supply_incident.settled'],
    });
    expect(endpoint.status).toBe(201);

    const incident = (await declared(keys.seller, { listingId, cause: 'OUT_OF_STOCK' })).body;
    expect(incident.status).toBe('OPEN');

    // The seller's proposal goes to the owner as the REST proposal would: SUBMIT_PROPOSAL, the version seen, the seller.
    const proposalA = await owner.command(disputeA, 'dispute.command.submit_proposal');
    expect(proposalA.data).toMatchObject({
      expectedVersion: 1,
      actor: { role: 'SELLER', id: SELLER },
      proposal: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
    });
    const counter = { ...proposalA.data.proposal, by: 'SELLER', submittedAt: now(), round: 1 };
    await owner.publish(
      disputeA,
      SELLER,
      EventType.DISPUTE_SELLER_RESPONDED,
      owner.transition(proposalA, 2, 'NEGOTIATING', 'AWAITING_SELLER', {
        action: 'REJECT',
        counterProposal: counter,
        message: 'Full refund',
      }),
      2,
    );
    const proposed = await eventually(async () => {
      const view = await progressOf(incident.id);
      return rowOf(view, disputeA)?.state === 'PROPOSED' ? view : undefined;
    });
    expect(rowOf(proposed, disputeA)).toMatchObject({
      orderId: orderA,
      outcome: 'OPEN',
      proposalId: counter.proposalId,
    });
    const messages = await eventually(() => {
      const posted = kafka.events(Topics.MESSAGE_EVENTS).filter((event) => event.subject === disputeA);
      return posted.length > 0 ? posted : undefined;
    });
    expect(messages.map((event) => event.data)).toEqual([
      expect.objectContaining({ author: { role: 'SELLER', id: SELLER }, locale: 'es' }),
    ]);
    expect((messages[0]?.data as any).body).toContain('cerrar esta disputa');

    // Refused as stale (the projection trailed the owner): sent again; then refused by the lifecycle: reported.
    const firstB = await owner.command(disputeB, 'dispute.command.submit_proposal');
    await owner.reject(firstB, SELLER, {
      type: 'STALE_VERSION',
      category: 'STATE_CONFLICT',
      detail: 'The dispute is at version 2.',
      status: 'AWAITING_SELLER',
      version: 2,
    });
    const secondB = await eventually(() =>
      kafka
        .events(Topics.DISPUTE_COMMANDS)
        .find((event) => event.subject === disputeB && (event.data as any).commandId !== firstB.data.commandId),
    );
    await owner.reject(secondB as any, SELLER, {
      type: 'INVALID_STATE_TRANSITION',
      category: 'STATE_CONFLICT',
      detail: 'A proposal is made in AWAITING_SELLER, NEGOTIATING or ESCALATED; the dispute is AGREED.',
      status: 'AGREED',
      version: 2,
    });
    const refused = await eventually(async () => {
      const view = await progressOf(incident.id);
      return rowOf(view, disputeB)?.state === 'REFUSED' ? view : undefined;
    });
    expect(rowOf(refused, disputeB).refusal).toMatch(/^INVALID_STATE_TRANSITION: /);
    expect(kafka.events(Topics.MESSAGE_EVENTS).filter((event) => event.subject === disputeB)).toEqual([]);

    // A dispute opened later on an affected order gets the proposal too.
    const disputeC = await disputeOn(orderC, 'fr-FR');
    const proposalC = await owner.command(disputeC, 'dispute.command.submit_proposal');
    expect(proposalC.data).toMatchObject({ expectedVersion: 1, proposal: { type: 'REFUND_ONLY' } });

    // Settled: A agreed on the refund, B and C refunds accepted (the marketplace): the seller's webhook, once.
    await owner.publish(
      disputeA,
      SELLER,
      EventType.DISPUTE_AGREED,
      { ...eventSamples[EventType.DISPUTE_AGREED](), disputeId: disputeA, proposal: counter, occurredAt: now() },
      3,
    );
    for (const orderId of [orderB, orderC]) {
      await publish(Topics.ORDER_EVENTS, EventType.ORDER_REFUND_ACCEPTED, orderId, {
        orderId,
        incidentId: incident.id,
        buyerId: `B-${orderId}`,
        sellerId: SELLER,
        amount: { amountMinor: 5998, currency: 'USD' },
        acceptedAt: now(),
      });
    }
    const settled = await eventually(() => receiver.events().find((event) => event.subject === incident.id));
    expect(settled).toMatchObject({
      type: 'supply_incident.settled',
      sellerid: SELLER,
      data: { incidentId: incident.id, listingId, affectedOrders: 3, settledOrders: 3 },
    });
    const final = await progressOf(incident.id);
    expect(final.progress).toMatchObject({
      affectedOrders: 3,
      refundsAccepted: 2,
      ordersSettled: 3,
      disputes: 3,
      // C's proposal is sent and awaits the owner's answer (the simulator gives none).
      disputesQueued: 1,
      disputesProposed: 1,
      disputesRefused: 1,
      disputesAgreed: 1,
      settled: true,
    });
    expect(
      kafka.events(Topics.DISPUTE_COMMANDS).filter((event) => [disputeA, disputeC].includes(event.subject)),
    ).toHaveLength(2);
    expect(receiver.events().filter((event) => event.type === 'supply_incident.settled')).toHaveLength(1);
  });

  it('sends the proposals of a 230-dispute incident in transactions of at most 100 (100, 100, 30), each dispute once', async () => {
    const listingId = await listing(SELLER);
    const orders = Array.from({ length: 230 }, () => `ORD-${uuidv7().slice(-12)}`);
    const disputeIds = orders.map(() => uuidv7());
    const envelope = (type: string, subject: string, data: object, aggregateVersion?: number) => ({
      key: subject,
      value: JSON.stringify(
        createEnvelope(
          { type, source: 'test', subject, sellerId: SELLER, data, aggregateVersion },
          { validateData: true },
        ),
      ),
    });
    await kafka.produce(
      Topics.ORDER_EVENTS,
      orders.map((orderId) =>
        envelope(EventType.ORDER_PAID, orderId, {
          ...eventSamples[EventType.ORDER_PAID](),
          orderId,
          buyerId: `B-${orderId}`,
          sellerId: SELLER,
          listingId,
          skuId: 'SKU-EU',
          paidAt: now(),
        }),
      ),
    );
    const opened = eventSamples[EventType.DISPUTE_OPENED]();
    await kafka.produce(
      Topics.DISPUTE_EVENTS,
      orders.map((orderId, index) => {
        const disputeId = disputeIds[index] ?? '';
        const data = { ...opened, disputeId, orderId, sellerId: SELLER, buyerId: `B-${orderId}`, openedAt: now() };
        return envelope(EventType.DISPUTE_OPENED, disputeId, data, 1);
      }),
    );
    // Declared once negotiation knows every order and dispute (each dispute's case context lists its order): the
    // declaration queues all 230 disputes in its own transaction.
    for (const [index, disputeId] of disputeIds.entries()) {
      await eventually(
        async () => {
          const context = await call('GET', `/v1/disputes/${disputeId}/context`, keys.seller);
          return context.status === 200 && context.body.orders.some((order: any) => order.orderId === orders[index]);
        },
        { timeoutMs: 60_000, what: `dispute ${disputeId} and its order known` },
      );
    }
    const incident = (await declared(keys.seller, { listingId, cause: 'DISCONTINUED' })).body;

    // Every dispute's proposal is sent once.
    const view = await eventually(
      async () => {
        const current = await progressOf(incident.id);
        return current.disputes.length === disputeIds.length &&
          current.disputes.every((row: any) => row.state === 'SENT')
          ? current
          : undefined;
      },
      { timeoutMs: 60_000, what: 'every proposal sent' },
    );
    // A batch marks its rows SENT with one instant: three transactions of 100, 100 and 30.
    const batches = new Map<string, number>();
    for (const row of view.disputes) batches.set(row.updatedAt, (batches.get(row.updatedAt) ?? 0) + 1);
    expect([...batches.values()].sort((a, b) => b - a)).toEqual([100, 100, 30]);
    const commands = await eventually(() => {
      const sent = kafka
        .events(Topics.DISPUTE_COMMANDS)
        .filter((event) => event.type === 'dispute.command.submit_proposal' && disputeIds.includes(event.subject));
      return sent.length >= disputeIds.length ? sent : undefined;
    });
    expect(new Set(commands.map((event) => event.subject)).size).toBe(disputeIds.length);
    expect(new Set(commands.map((event) => (event.data as any).commandId)).size).toBe(disputeIds.length);
  }, 120_000);
});
