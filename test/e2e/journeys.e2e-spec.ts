import { Topics } from '@settle/contracts';
import { eventually } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import { disputeRequest } from './support/factories';
import { Journeys, type Seller } from './support/journey';
import { openRefusedSale, publishTasselPendants } from './support/tassel';

/**
 * The journeys of a dispute across the four services, run as `npm start` runs them, with the policy in
 * seconds. The test acts only as the users do: the platform's, sellers' and staff's HTTP calls with their
 * keys, the signed inbound marketplace webhook, a plain Kafka consumer, and each seller's webhook endpoint
 * verifying every delivery with the `standardwebhooks` package.
 */
describe('dispute journeys', () => {
  let journeys: Journeys;
  const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

  beforeAll(async () => {
    journeys = await Journeys.start('journeys');
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  /** The proposal the other side made, as negotiation lists it. */
  async function proposalBy(id: string, key: string, by: 'BUYER' | 'SELLER'): Promise<{ proposalId: string }> {
    return eventually(async () => {
      const proposals = await journeys.cluster.call('negotiation', 'GET', `/v1/disputes/${id}/proposals`, { key });
      return (proposals.body.items as { proposalId: string; by: string }[]).filter((p) => p.by === by).at(-1);
    });
  }

  it('NOT_RECEIVED, in transit past the promised time: the seller accepts; the buyer is refunded', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, { shippedDaysAgo: 14, promisedDeliveryDays: 10, paidMinor: 4_999 });
    await seller.hooks.waitFor('dispute.opened', id);

    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, { action: 'ACCEPT' });

    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({ by: 'AGREEMENT', outcome: 'REFUND_ONLY', refund: USD(4_999) });
    await seller.hooks.waitFor('dispute.resolved', id);
    await journeys.waitForEvent(Topics.DISPUTE_EVENTS, 'dispute.resolved', id);
    const types = journeys.expectEachEventOnce(id);
    expect(types[0]).toBe('dispute.opened');
    expect(types).toEqual(expect.arrayContaining(['dispute.seller_responded', 'dispute.agreed', 'dispute.resolved']));
    expect(types.at(-1)).toBe('dispute.resolved');
    expect(seller.hooks.rejected).toBe(0);
  });

  it('NOT_AS_DESCRIBED with a photo: the seller offers a partial refund politely; the buyer accepts', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, {
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DIFFERENT_FROM_LISTING',
      evidence: [{ kind: 'PHOTO', url: 'https://example.com/evidence/pendant-colour.jpg' }],
    });
    const message =
      'Hello, I am sorry the pendant is not the colour you expected. I would like to offer you a refund of 20.00 USD ' +
      'and you can keep the item. Please let me know if that works for you.';
    const lint = await journeys.cluster.call('negotiation', 'POST', '/v1/messages/lint', {
      key: seller.key,
      body: { body: message, locale: 'en' },
    });
    expect(lint.body).toEqual({ ok: true, findings: [] });

    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, {
      action: 'REJECT',
      proposal: { type: 'REFUND_ONLY', refund: USD(2_000) },
      message,
    });
    await journeys.waitStatus(id, 'NEGOTIATING');
    const offer = await proposalBy(id, journeys.platform, 'SELLER');
    await journeys.act(journeys.platform, `/v1/disputes/${id}/proposals/${offer.proposalId}/accept`, {});

    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({ outcome: 'REFUND_ONLY', refund: USD(2_000) });
    await seller.hooks.waitFor('dispute.resolved', id);
    expect(journeys.expectEachEventOnce(id)).toEqual(
      expect.arrayContaining(['dispute.opened', 'dispute.seller_responded', 'dispute.agreed', 'dispute.resolved']),
    );
  });

  it('the seller never answers: reminded first, then the buyer’s request is accepted at the deadline', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, { paidMinor: 1_250 });

    const reminder = await seller.hooks.waitFor('deadline.reminder', id);
    expect(reminder.event.data).toMatchObject({ dueAt: expect.any(String) });
    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({ outcome: 'REFUND_ONLY', refund: USD(1_250) });
    const autoAccepted = await seller.hooks.waitFor('dispute.auto_accepted', id);
    expect(reminder.receivedAt).toBeLessThan(autoAccepted.receivedAt);
    expect(Date.parse(String(reminder.event.data.dueAt))).toBeGreaterThan(reminder.receivedAt - 1_000);
    expect(journeys.expectEachEventOnce(id)).toEqual(expect.arrayContaining(['dispute.auto_accepted']));
  });

  it('RETURN_AND_REFUND agreed: the buyer ships, the seller confirms receipt; refunded', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, {
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DAMAGED',
      evidence: [{ kind: 'PHOTO', url: 'https://example.com/evidence/cracked.jpg' }],
      requested: { type: 'RETURN_AND_REFUND', refund: USD(4_999) },
    });
    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, { action: 'ACCEPT' });
    await journeys.waitStatus(id, 'AWAITING_RETURN');

    await journeys.act(journeys.platform, `/v1/disputes/${id}/return-shipment`, {
      carrier: 'La Poste',
      trackingNumber: 'LP123456789FR',
    });
    await journeys.waitStatus(id, 'RETURN_IN_TRANSIT');
    await seller.hooks.waitFor('dispute.return_shipped', id);
    await journeys.act(seller.key, `/v1/disputes/${id}/return-receipt`, { condition: 'AS_EXPECTED' });

    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({ outcome: 'RETURN_AND_REFUND', refund: USD(4_999) });
    expect(journeys.expectEachEventOnce(id)).toEqual(
      expect.arrayContaining(['dispute.return_requested', 'dispute.return_shipped', 'dispute.return_received']),
    );
  });

  it('RETURN_AND_REFUND agreed but the buyer never ships: the funds go to the seller', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, {
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'QUALITY',
      evidence: [{ kind: 'VIDEO', url: 'https://example.com/evidence/quality.mp4' }],
      requested: { type: 'RETURN_AND_REFUND', refund: USD(4_999) },
    });
    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, { action: 'ACCEPT' });
    await journeys.waitStatus(id, 'AWAITING_RETURN');

    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({
      by: 'DEADLINE',
      outcome: 'SELLER_FAVOUR',
      inFavourOf: 'SELLER',
    });
    await seller.hooks.waitFor('dispute.resolved', id);
    journeys.expectEachEventOnce(id);
  });

  it('nobody agrees: escalated at the intervention deadline; staff see the prediction, claim and rule', async () => {
    const seller = await journeys.seller();
    const id = await journeys.open(seller, { paidMinor: 3_000 });
    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, {
      action: 'REJECT',
      proposal: { type: 'NO_REFUND' },
      message:
        'Hello, I am sorry for the wait. The carrier shows the parcel in your country; could you check with your local post office? Thank you.',
    });
    await journeys.waitStatus(id, 'NEGOTIATING');

    await journeys.waitStatus(id, 'ESCALATED', 60_000);
    const queued = await eventually(async () => {
      const queue = await journeys.cluster.call('escalation-timer', 'GET', '/v1/escalations?status=OPEN', {
        key: journeys.staff,
      });
      return (queue.body.items as { id: string; disputeId: string }[]).find((item) => item.disputeId === id);
    });
    const theCase = await journeys.cluster.call('escalation-timer', 'GET', `/v1/escalations/${queued.id}`, {
      key: journeys.staff,
    });
    expect(theCase.body.predictedRuling).toMatchObject({
      outcome: expect.any(String),
      confidence: expect.any(Number),
      citations: expect.arrayContaining([expect.objectContaining({ kind: expect.any(String) })]),
    });

    const claim = await journeys.cluster.call('escalation-timer', 'POST', `/v1/escalations/${queued.id}/claim`, {
      key: journeys.staff,
      body: {},
    });
    expect(claim.status).toBe(200);
    const ruling = await journeys.cluster.call('escalation-timer', 'POST', `/v1/escalations/${queued.id}/ruling`, {
      key: journeys.staff,
      body: {
        outcome: 'REFUND_BUYER',
        refund: USD(3_000),
        rationale: 'The parcel is past its promised delivery and the seller offered no proof of delivery.',
        citations: [{ kind: 'POLICY_RULE', ref: 'NOT-RECEIVED-PAST-PROMISED' }],
      },
    });
    expect(ruling.status).toBeLessThan(300);

    const resolved = await journeys.waitStatus(id, 'RESOLVED');
    expect(resolved.resolution).toMatchObject({ by: 'RULING', outcome: 'REFUND_BUYER', refund: USD(3_000) });
    // Both sides are told: the seller by webhook, the buyer through the marketplace, which reads the events.
    await seller.hooks.waitFor('dispute.ruled', id);
    await seller.hooks.waitFor('dispute.resolved', id);
    await journeys.waitForEvent(Topics.DISPUTE_EVENTS, 'dispute.ruled', id);
    expect(journeys.expectEachEventOnce(id)).toEqual(
      expect.arrayContaining(['dispute.escalated', 'dispute.ruled', 'dispute.resolved']),
    );
  }, 120_000);

  it('a listing published at the wrong sale unit is flagged on listing.upserted; the refused sale shows it', async () => {
    const seller = await journeys.seller();
    const suffix = randomBytes(3).toString('hex');
    const lotId = `L-LOT-${suffix}`;
    const flagged = await publishTasselPendants(journeys, seller, {
      red: `L-RED-${suffix}`,
      green: `L-GREEN-${suffix}`,
      lot: lotId,
    });
    expect(JSON.stringify(flagged.data)).toContain('SALE_UNIT_PRICE_MISMATCH');

    // A returning customer orders that night; the seller will not sell at that price.
    const opened = await openRefusedSale(journeys, seller, {
      lotId,
      orderId: `O-LOT-${suffix}`,
      buyerId: `B-${suffix}`,
    });
    const id = opened.id;
    expect(JSON.stringify(opened.listingAtPurchase?.audit?.findings ?? [])).toContain('SALE_UNIT_PRICE_MISMATCH');
    await journeys.knownToNegotiation(id, seller);

    const prediction = await eventually(async () => {
      const response = await journeys.cluster.call('escalation-timer', 'GET', `/v1/disputes/${id}/predicted-ruling`, {
        key: seller.key,
      });
      return response.status === 200 ? response.body : undefined;
    });
    expect(prediction).toMatchObject({ outcome: 'REFUND_BUYER' });
    expect(prediction.citations).toContainEqual(
      expect.objectContaining({ kind: 'AUDIT_FINDING', ref: 'SALE_UNIT_PRICE_MISMATCH' }),
    );

    // Escalated by the buyer: the case staff open shows the listing's audit at order time.
    await eventually(async () => {
      const response = await journeys.cluster.call('escalation-timer', 'POST', `/v1/disputes/${id}/escalate`, {
        key: journeys.platform,
        body: {},
      });
      return response.status < 300; // 422 until the escalation window opens (2 s in this policy)
    });
    await journeys.waitStatus(id, 'ESCALATED');
    const queued = await eventually(async () => {
      const queue = await journeys.cluster.call('escalation-timer', 'GET', '/v1/escalations', { key: journeys.lead });
      return (queue.body.items as { id: string; disputeId: string }[]).find((item) => item.disputeId === id);
    });
    const theCase = await journeys.cluster.call('escalation-timer', 'GET', `/v1/escalations/${queued.id}`, {
      key: journeys.lead,
    });
    expect(JSON.stringify(theCase.body.listingAtPurchase)).toContain('SALE_UNIT_PRICE_MISMATCH');
    expect(theCase.body.predictedRuling.outcome).toBe('REFUND_BUYER');
  }, 120_000);

  it('each service killed with SIGKILL mid-journey and restarted: the journey completes, nothing lost or doubled', async () => {
    const seller: Seller = await journeys.seller();
    const response = await journeys.cluster.call('dispute-intake', 'POST', '/v1/disputes', {
      key: journeys.platform,
      headers: { 'idempotency-key': `kill-${randomBytes(4).toString('hex')}` },
      body: disputeRequest({
        sellerId: seller.sellerId,
        reason: 'NOT_AS_DESCRIBED',
        subReason: 'WRONG_ITEM',
        evidence: [{ kind: 'PHOTO', url: 'https://example.com/evidence/wrong-item.jpg' }],
        requested: { type: 'RETURN_AND_REFUND', refund: USD(4_999) },
      }),
    });
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    // dispute-intake dies right after accepting: the dispute and its event were committed together.
    await journeys.cluster.kill('dispute-intake');
    await journeys.cluster.startService('dispute-intake');
    await journeys.knownToNegotiation(id, seller);

    await journeys.act(seller.key, `/v1/disputes/${id}/responses`, { action: 'ACCEPT' });
    await journeys.waitStatus(id, 'AWAITING_RETURN');
    await journeys.act(journeys.platform, `/v1/disputes/${id}/return-shipment`, {
      carrier: 'La Poste',
      trackingNumber: 'LP987654321FR',
    });
    await journeys.waitStatus(id, 'RETURN_IN_TRANSIT');

    // negotiation dies with webhook deliveries to make; they are made after the restart.
    await journeys.cluster.kill('negotiation');
    await journeys.cluster.startService('negotiation');
    // escalation-timer dies with the return-receipt deadline pending; it fires once after the restart.
    await journeys.cluster.kill('escalation-timer');
    await journeys.cluster.startService('escalation-timer');
    // listing-audit dies while a listing waits for its audit; it is audited once after the restart.
    const listingId = `L-KILL-${randomBytes(3).toString('hex')}`;
    await journeys.cluster.kill('listing-audit');
    await journeys.inbound(
      'listing.upserted',
      listingId,
      {
        listingId,
        sellerId: seller.sellerId,
        category: 'jewellery/pendants',
        title: 'Tassel pendant, red silk thread, 8 cm',
        description: 'A hand-made tassel pendant of red silk thread, 8 cm long, with a gold-plated cap.',
        images: [{ url: 'https://img.example.com/kill-front.jpg' }],
        attributes: { material: 'silk', colour: 'red', length: '8 cm' },
        saleUnit: { type: 'PIECE' },
        skus: [{ skuId: 'SKU-RED', attributes: { colour: 'red' }, price: USD(999), stock: 40 }],
        shipping: { fee: USD(150), processingDays: 3, promisedDeliveryDays: 20, shipsFrom: 'CN', shipsTo: ['FR'] },
      },
      seller.sellerId,
    );
    await journeys.cluster.startService('listing-audit');
    await journeys.waitForEvent(Topics.LISTING_EVENTS, 'listing.audited', listingId);

    const resolved = await journeys.waitStatus(id, 'RESOLVED', 60_000);
    expect(resolved.resolution).toMatchObject({ by: 'DEADLINE', outcome: 'RETURN_AND_REFUND', refund: USD(4_999) });
    await seller.hooks.waitFor('dispute.resolved', id);

    const types = journeys.expectEachEventOnce(id);
    expect(types.filter((type) => type === 'dispute.resolved')).toHaveLength(1);
    expect(types.filter((type) => type === 'dispute.opened')).toHaveLength(1);
    const audited = journeys.kafka
      .events(Topics.LISTING_EVENTS)
      .filter((event) => event.type === 'listing.audited' && event.subject === listingId);
    expect(new Set(audited.map((event) => event.id)).size).toBe(1); // audited once (a redelivery keeps its id)
    // Every event reached the seller, each under one webhook-id however often it was delivered.
    const events = journeys.disputeEvents(id).filter((event) => event.type !== 'dispute.command_rejected');
    await eventually(() => events.every((event) => seller.hooks.received.some((hook) => hook.event.id === event.id)), {
      what: `every event of ${id} delivered to the seller (got ${seller.hooks.types(id).join(', ')})`,
    });
    for (const event of events) {
      const deliveries = seller.hooks.received.filter((hook) => hook.event.id === event.id);
      expect(new Set(deliveries.map((hook) => hook.id)).size).toBe(1);
    }
  }, 240_000);

  it('every message consumed, on every topic, is a CloudEvent the cloudevents SDK accepts in strict mode', () => {
    // The journeys above ran first (jest runs a file's tests in order): events, commands, relayed inbound orders
    // (94 messages in a run on 2026-12-04, every one accepted).
    expect(journeys.expectStrictCloudEvents()).toBeGreaterThan(0);
  });
});
