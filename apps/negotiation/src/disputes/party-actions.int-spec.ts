import { createEnvelope, EventType, Topics, uuidv7 } from '@settle/contracts';
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
import { api, OwnerSimulator, projected } from '../testing/harness';

/**
 * Party actions, messages, lint, templates and the case context through HTTP, against real Kafka and Postgres. The
 * test plays the dispute's owner (dispute-intake) on the broker: it reads the commands and publishes the events.
 */
describe('negotiation: party actions and messages (real Kafka + Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let owner: OwnerSimulator;
  let call: ReturnType<typeof api>;
  let keys: { platform: string; seller: string; otherSeller: string; staff: string };
  const SELLER = `S-${uuidv7().slice(-6)}`;

  beforeAll(async () => {
    environment = await isolatedEnvironment('negotiation', { PARTY_ACTION_WAIT_MS: '1500' });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.DEADLINE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS, Topics.MESSAGE_EVENTS]);
    service = await startService(AppModule, NegotiationService);
    call = api(service);
    owner = new OwnerSimulator(kafka);
    keys = {
      platform: await service.createKey('platform'),
      seller: await service.createKey('seller', SELLER),
      otherSeller: await service.createKey('seller', 'S-OTHER'),
      staff: await service.createKey('staff'),
    };
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await environment?.cleanup();
  });

  it('seller rejects with a counter-proposal and a message: command sent with the version seen, applied result returned', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const pending = call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.seller, {
      action: 'REJECT',
      proposal: { type: 'REFUND_ONLY', refund: { amountMinor: 500, currency: 'USD' } },
      message: "Hello, I am sorry. That's company policy, but we can refund part of it.",
    });
    const command = await owner.command(dispute.disputeId, 'dispute.command.seller_reject');
    expect(command.data).toMatchObject({
      expectedVersion: 1,
      actor: { role: 'SELLER', id: SELLER },
      proposal: { type: 'REFUND_ONLY', refund: { amountMinor: 500, currency: 'USD' } },
    });
    const counter = { ...command.data.proposal, by: 'SELLER', submittedAt: new Date().toISOString(), round: 1 };
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_SELLER_RESPONDED,
      owner.transition(command, 2, 'NEGOTIATING', 'AWAITING_SELLER', {
        action: 'REJECT',
        counterProposal: counter,
        message: command.data.message,
      }),
      2,
    );
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'APPLIED', dispute: { status: 'NEGOTIATING', version: 2 } });
    expect(response.body.lint.findings).toEqual([expect.objectContaining({ rule: 'FORBIDDEN_PHRASE:COMPANY_POLICY' })]);
    const proposals = await call('GET', `/v1/disputes/${dispute.disputeId}/proposals`, keys.platform);
    expect(proposals.body.items.map((proposal: any) => [proposal.by, proposal.state])).toEqual([
      ['BUYER', 'OPEN'],
      ['SELLER', 'OPEN'],
    ]);
  });

  it('refuses the wrong party: another seller 404, the platform on a seller action 403, staff as a party 403, no key 401', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const accept = { action: 'ACCEPT' };
    expect((await call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.otherSeller, accept)).status).toBe(
      404,
    );
    expect((await call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.platform, accept)).status).toBe(403);
    const staff = await call('POST', `/v1/disputes/${dispute.disputeId}/proposals`, keys.staff, { type: 'RESEND' });
    expect(staff.status).toBe(403);
    expect(staff.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(
      (
        await call('POST', `/v1/disputes/${dispute.disputeId}/return-receipt`, keys.platform, {
          condition: 'AS_EXPECTED',
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', `/v1/disputes/${dispute.disputeId}/messages`, keys.otherSeller)).status).toBe(404);
    expect((await call('GET', `/v1/disputes/${dispute.disputeId}/messages`, undefined)).status).toBe(401);
    const unknown = uuidv7(Date.now() - 10 * 60_000);
    expect((await call('POST', `/v1/disputes/${unknown}/responses`, keys.seller, accept)).status).toBe(404);
  });

  it('acting on a dispute just opened, before this projection has it, waits for it: never 404 for a dispute that exists', async () => {
    // dispute-intake answered 201; its dispute.opened reaches negotiation only while the actions are in flight.
    const opening = owner.opening(SELLER);
    const { disputeId } = opening.dispute;
    const accept = call('POST', `/v1/disputes/${disputeId}/responses`, keys.seller, { action: 'ACCEPT' });
    const message = call('POST', `/v1/disputes/${disputeId}/messages`, keys.platform, { body: 'Hello, any news?' });
    const proposals = call('GET', `/v1/disputes/${disputeId}/proposals`, keys.seller);
    const other = call('POST', `/v1/disputes/${disputeId}/responses`, keys.otherSeller, { action: 'ACCEPT' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the projection deliberately behind
    await opening.publish();
    expect((await owner.command(disputeId, 'dispute.command.seller_accept')).data.expectedVersion).toBe(1);
    expect((await accept).status).toBe(202);
    expect((await message).status).toBe(201);
    expect((await proposals).status).toBe(200);
    // Another seller's dispute stays unknown to a seller (404); an id minted moments ago that never appears is "not
    // known here yet" (503, retry), after the same wait; an old id that never appeared is unknown (404).
    expect((await other).status).toBe(404);
    const started = Date.now();
    const behind = await call('POST', `/v1/disputes/${uuidv7()}/proposals`, keys.platform, { type: 'RESEND' });
    expect(behind.status).toBe(503);
    expect(behind.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    const old = uuidv7(Date.now() - 10 * 60_000);
    expect((await call('POST', `/v1/disputes/${old}/proposals`, keys.platform, { type: 'RESEND' })).status).toBe(404);
  });

  it('refuses bad input with problem+json naming the field, and sends nothing', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const before = kafka.received.length;
    const unknown = await call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.seller, {
      action: 'ACCEPT',
      colour: 'red',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'colour' })]));
    const noCounter = await call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.seller, {
      action: 'REJECT',
      message: 'Hello',
    });
    expect(noCounter.status).toBe(400);
    expect(noCounter.body.errors.map((error: any) => error.field)).toContain('proposal');
    const float = await call('POST', `/v1/disputes/${dispute.disputeId}/proposals`, keys.platform, {
      type: 'REFUND_ONLY',
      refund: { amountMinor: 9.99, currency: 'USD' },
    });
    expect(float.status).toBe(400);
    expect(float.body.errors.map((error: any) => error.field)).toContain('refund.amountMinor');
    const past = await call('POST', `/v1/disputes/${dispute.disputeId}/proposals`, keys.platform, {
      type: 'RESEND',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(422);
    expect(past.body.type).toBe('/problems/expires-in-the-past');
    expect(kafka.received.slice(before).filter((message) => message.topic === Topics.DISPUTE_COMMANDS)).toEqual([]);
  });

  it('a stale action is refused with the reason the owner gave (dispute.command_rejected)', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.platform, dispute.disputeId);
    const pending = call('POST', `/v1/disputes/${dispute.disputeId}/proposals`, keys.platform, {
      type: 'REFUND_ONLY',
      refund: { amountMinor: 800, currency: 'USD' },
      expectedVersion: 1,
    });
    const command = await owner.command(dispute.disputeId, 'dispute.command.submit_proposal');
    expect(command.data).toMatchObject({ expectedVersion: 1, actor: { role: 'BUYER', id: dispute.buyerId } });
    await owner.reject(command, SELLER, {
      type: 'STALE_VERSION',
      category: 'STATE_CONFLICT',
      detail: 'The dispute is at version 3; the command was based on version 1.',
      status: 'NEGOTIATING',
      version: 3,
    });
    const response = await pending;
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: '/problems/stale-version',
      detail: expect.stringMatching(/version 3/),
      version: 3,
    });
  });

  it('proposals with expiresAt: every round kept in order, an expired one refused 409, the other side’s accepted', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const expired = {
      proposalId: uuidv7(),
      by: 'SELLER',
      type: 'REFUND_ONLY',
      refund: { amountMinor: 300, currency: 'USD' },
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
      submittedAt: new Date(Date.now() - 60_000).toISOString(),
      round: 1,
    };
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_SELLER_RESPONDED,
      {
        ...transitionOf(dispute.disputeId, 2, 'NEGOTIATING', 'AWAITING_SELLER', SELLER),
        action: 'REJECT',
        counterProposal: expired,
        message: 'Hello, we can offer a partial refund.',
      },
      2,
    );
    const live = {
      ...expired,
      proposalId: uuidv7(),
      refund: { amountMinor: 600, currency: 'USD' },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      submittedAt: new Date().toISOString(),
    };
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_PROPOSAL_SUBMITTED,
      {
        ...transitionOf(dispute.disputeId, 3, 'NEGOTIATING', 'NEGOTIATING', SELLER),
        proposal: live,
        supersedesProposalId: expired.proposalId,
      },
      3,
    );
    const view = await projected(call, keys.platform, dispute.disputeId, 3);
    expect(view.items.map((proposal: any) => [proposal.proposalId, proposal.state])).toEqual([
      [dispute.buyerProposal.proposalId, 'OPEN'],
      [expired.proposalId, 'SUPERSEDED'],
      [live.proposalId, 'OPEN'],
    ]);

    const refused = await call(
      'POST',
      `/v1/disputes/${dispute.disputeId}/proposals/${expired.proposalId}/accept`,
      keys.platform,
      {},
    );
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('/problems/proposal-expired');
    const own = await call(
      'POST',
      `/v1/disputes/${dispute.disputeId}/proposals/${live.proposalId}/accept`,
      keys.seller,
      {},
    );
    expect(own.status).toBe(422);

    const pending = call(
      'POST',
      `/v1/disputes/${dispute.disputeId}/proposals/${live.proposalId}/accept`,
      keys.platform,
      {},
    );
    const command = await owner.command(dispute.disputeId, 'dispute.command.accept_proposal');
    expect(command.data).toMatchObject({ proposalId: live.proposalId, expectedVersion: 3, actor: { role: 'BUYER' } });
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_AGREED,
      owner.transition(command, 4, 'AGREED', 'NEGOTIATING', { proposal: live }),
      4,
    );
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_RESOLVED,
      owner.transition(command, 5, 'RESOLVED', 'AGREED', {
        resolution: {
          outcome: 'REFUND_ONLY',
          refund: live.refund,
          by: 'AGREEMENT',
          inFavourOf: 'SHARED',
          proposalId: live.proposalId,
        },
      }),
      5,
    );
    const accepted = await pending;
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'APPLIED',
      dispute: { status: expect.stringMatching(/AGREED|RESOLVED/) },
    });
    await projected(call, keys.platform, dispute.disputeId, 5);
    const closed = await call('POST', `/v1/disputes/${dispute.disputeId}/proposals`, keys.platform, { type: 'RESEND' });
    expect(closed.status).toBe(409);
    expect(closed.body.type).toBe('/problems/terminal-state');
  });

  it('return shipment by the buyer and a damaged return receipt by the seller (escalates)', async () => {
    const dispute = await owner.open(SELLER);
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_RETURN_REQUESTED,
      {
        ...transitionOf(dispute.disputeId, 2, 'AWAITING_RETURN', 'AWAITING_SELLER', SELLER),
        refund: { amountMinor: 999, currency: 'USD' },
        proposalId: dispute.buyerProposal.proposalId,
      },
      2,
    );
    await projected(call, keys.platform, dispute.disputeId, 2);

    const shipped = call('POST', `/v1/disputes/${dispute.disputeId}/return-shipment`, keys.platform, {
      carrier: 'DHL',
      trackingNumber: 'RT123',
    });
    const shipCommand = await owner.command(dispute.disputeId, 'dispute.command.mark_return_shipped');
    expect(shipCommand.data).toMatchObject({
      carrier: 'DHL',
      trackingNumber: 'RT123',
      actor: { role: 'BUYER', id: dispute.buyerId },
    });
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_RETURN_SHIPPED,
      owner.transition(shipCommand, 3, 'RETURN_IN_TRANSIT', 'AWAITING_RETURN', {
        carrier: 'DHL',
        trackingNumber: 'RT123',
        shippedAt: shipCommand.data.shippedAt,
      }),
      3,
    );
    expect((await shipped).body).toMatchObject({ status: 'APPLIED', dispute: { status: 'RETURN_IN_TRANSIT' } });

    const received = call('POST', `/v1/disputes/${dispute.disputeId}/return-receipt`, keys.seller, {
      condition: 'DAMAGED',
      note: 'The screen is cracked.',
      evidence: [{ kind: 'PHOTO', url: 'https://evidence.example.com/cracked.jpg' }],
    });
    const receiveCommand = await owner.command(dispute.disputeId, 'dispute.command.mark_return_received');
    expect(receiveCommand.data).toMatchObject({
      condition: 'DAMAGED',
      evidence: [{ kind: 'PHOTO', evidenceId: expect.any(String) }],
    });
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_RETURN_RECEIVED,
      owner.transition(receiveCommand, 4, 'RETURN_IN_TRANSIT', 'RETURN_IN_TRANSIT', {
        condition: 'DAMAGED',
        receivedAt: receiveCommand.data.receivedAt,
      }),
      4,
    );
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_ESCALATED,
      owner.transition(receiveCommand, 5, 'ESCALATED', 'RETURN_IN_TRANSIT', {
        cause: 'RETURN_PROBLEM',
      }),
      5,
    );
    expect((await received).status).toBe(200);
    await projected(call, keys.seller, dispute.disputeId, 5);
  });

  it('answers 202 with Location when the owner is slow, and the Location shows the outcome once it comes', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const response = await call('POST', `/v1/disputes/${dispute.disputeId}/responses`, keys.seller, {
      action: 'ACCEPT',
    });
    expect(response.status).toBe(202);
    const location = response.headers.get('location')!;
    expect(location).toBe(`/v1/commands/${response.body.commandId}`);
    expect((await call('GET', location, keys.seller)).body.status).toBe('PENDING');
    expect((await call('GET', location, keys.otherSeller)).status).toBe(404);
    const command = await owner.command(dispute.disputeId, 'dispute.command.seller_accept');
    expect(command.data.proposalId).toBe(dispute.buyerProposal.proposalId);
    await owner.publish(
      dispute.disputeId,
      SELLER,
      EventType.DISPUTE_SELLER_RESPONDED,
      owner.transition(command, 2, 'AWAITING_SELLER', 'AWAITING_SELLER', {
        action: 'ACCEPT',
        acceptedProposalId: dispute.buyerProposal.proposalId,
      }),
      2,
    );
    const applied = await eventually(async () => {
      const polled = await call('GET', location, keys.seller);
      return polled.body.status === 'APPLIED' ? polled.body : undefined;
    });
    expect(applied).toMatchObject({ type: 'dispute.command.seller_accept', dispute: { version: 2 } });
  });

  it('messages: append-only, linted (never blocked), evidence references, message.posted, listed in order', async () => {
    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const buyer = await call('POST', `/v1/disputes/${dispute.disputeId}/messages`, keys.platform, {
      body: 'Hello, the lot had 6 pendants, not 10.',
      locale: 'en',
      attachments: [{ kind: 'PHOTO', url: 'https://evidence.example.com/lot.jpg', sha256: 'b'.repeat(64) }],
    });
    expect(buyer.status).toBe(201);
    expect(buyer.body.message).toMatchObject({
      author: { role: 'BUYER', id: dispute.buyerId },
      attachments: [{ kind: 'PHOTO', evidenceId: expect.any(String) }],
    });
    const rude = await call('POST', `/v1/disputes/${dispute.disputeId}/messages`, keys.seller, {
      body: 'YOU ARE WRONG!!! Nobody has complained before.',
    });
    expect(rude.status).toBe(201);
    expect(rude.body.lint.ok).toBe(false);
    expect(rude.body.lint.findings.map((finding: any) => finding.rule)).toEqual(
      expect.arrayContaining([
        'FORBIDDEN_PHRASE:YOU_ARE_WRONG',
        'FORBIDDEN_PHRASE:NOBODY_HAS_COMPLAINED',
        'SHOUTING',
        'REPEATED_EXCLAMATION',
      ]),
    );
    const posted = await kafka.waitForMessage(Topics.MESSAGE_EVENTS, (message) =>
      message.value.includes(rude.body.message.messageId),
    );
    const event = JSON.parse(posted.value);
    expect(event).toMatchObject({
      type: 'message.posted',
      subject: dispute.disputeId,
      sellerid: SELLER,
      data: { lint: { ok: false } },
    });
    expect(posted.key).toBe(dispute.disputeId);

    const list = await call('GET', `/v1/disputes/${dispute.disputeId}/messages?limit=1`, keys.seller);
    expect(list.body.items.map((message: any) => message.messageId)).toEqual([buyer.body.message.messageId]);
    const next = await call(
      'GET',
      `/v1/disputes/${dispute.disputeId}/messages?cursor=${list.body.nextCursor}`,
      keys.staff,
    );
    expect(next.body.items.map((message: any) => message.messageId)).toEqual([rude.body.message.messageId]);
    expect((await call('PATCH', `/v1/disputes/${dispute.disputeId}/messages`, keys.seller, {})).status).toBe(404);
  });

  it('lint and templates over HTTP', async () => {
    const lint = await call('POST', '/v1/messages/lint', keys.seller, { body: 'Vous avez tort.' });
    expect(lint.status).toBe(200);
    expect(lint.body.ok).toBe(false);
    expect(lint.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'FORBIDDEN_PHRASE:YOU_ARE_WRONG',
          span: { start: 0, end: 14 },
          suggestion: expect.any(String),
        }),
        expect.objectContaining({ rule: 'NO_GREETING_APOLOGY_OR_NEXT_STEP' }),
      ]),
    );
    expect((await call('POST', '/v1/messages/lint', keys.seller, { body: '' })).status).toBe(400);

    const dispute = await owner.open(SELLER);
    await projected(call, keys.seller, dispute.disputeId);
    const templates = await call('GET', `/v1/templates?disputeId=${dispute.disputeId}`, keys.seller);
    expect(templates.status).toBe(200);
    expect(templates.body.items).toHaveLength(1);
    expect(templates.body.items[0]).toMatchObject({ reason: 'NOT_AS_DESCRIBED', locale: 'fr' });
    expect(templates.body.items[0].body).toContain(dispute.orderId);
    expect(templates.body.items[0].body).toContain('9.99 USD');
    const all = await call('GET', '/v1/templates?locale=ru', keys.platform);
    expect(all.body.items).toHaveLength(4);
    expect((await call('GET', '/v1/templates?locale=de', keys.platform)).status).toBe(400);
  });

  it('case context: the buyer’s history with this seller only', async () => {
    const buyerId = `B-${uuidv7().slice(-6)}`;
    const paid = (orderId: string, sellerId: string, amountMinor: number) =>
      createEnvelope(
        {
          type: EventType.ORDER_PAID,
          source: 'marketplace',
          subject: orderId,
          sellerId,
          data: {
            orderId,
            buyerId,
            sellerId,
            listingId: 'L-1',
            skuId: 'SKU-1',
            quantity: 1,
            amount: { amountMinor, currency: 'USD' },
            paidAt: new Date(Date.now() - 86_400_000).toISOString(),
            buyerCountry: 'FR',
            sellerCountry: 'CN',
            promisedDeliveryDays: 10,
          },
        },
        { validateData: true },
      );
    const orders = [paid('O-A1', SELLER, 1_000), paid('O-A2', SELLER, 2_500), paid('O-B1', 'S-ELSEWHERE', 99_999)];
    await kafka.produce(
      Topics.ORDER_EVENTS,
      orders.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope) })),
    );
    const dispute = await owner.open(SELLER, buyerId, 'O-A2');
    await owner.open('S-ELSEWHERE', buyerId, 'O-B1');
    await projected(call, keys.seller, dispute.disputeId);
    const context = await eventually(async () => {
      const response = await call('GET', `/v1/disputes/${dispute.disputeId}/context`, keys.seller);
      return response.body?.orders?.length === 2 ? response.body : undefined;
    });
    expect(context.orders.map((order: any) => order.orderId).sort()).toEqual(['O-A1', 'O-A2']);
    expect(context.disputes.map((item: any) => item.orderId)).toEqual(['O-A2']);
    expect(context.totalPaid).toEqual([{ amountMinor: 3_500, currency: 'USD' }]);
    expect(context.rfm).toMatchObject({ frequency: 2, segment: 'REPEAT', recencyDays: 1 });
    expect(JSON.stringify(context)).not.toContain('S-ELSEWHERE');
    expect((await call('GET', `/v1/disputes/${dispute.disputeId}/context`, keys.staff)).status).toBe(200);
    expect((await call('GET', `/v1/disputes/${dispute.disputeId}/context`, keys.otherSeller)).status).toBe(404);
    expect((await call('GET', `/v1/disputes/${dispute.disputeId}/context`, keys.platform)).status).toBe(403);
  });
});

function transitionOf(disputeId: string, version: number, status: string, previousStatus: string, sellerId: string) {
  return {
    disputeId,
    status,
    previousStatus,
    version,
    occurredAt: new Date().toISOString(),
    actor: { role: 'SELLER', id: sellerId },
    deadlines: [],
  };
}
