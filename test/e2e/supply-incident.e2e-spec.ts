import { createEnvelope, EventType, required, Topics, type EventEnvelope } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServiceName } from '../../deploy/scripts/services';
import { Journeys, type Seller } from './support/journey';

const DAY = 86_400_000;
const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

interface PaidOrder {
  orderId: string;
  buyerId: string;
  locale: string;
  amountMinor: number;
  paidAt: string;
}

/**
 * DOMAIN.md's X36 case across the four services run as `npm start` runs them (issue 19, "Done when"): a seller cannot
 * ship a set-top box model, declares one supply incident, and Settle notifies, offers and proposes for every affected
 * order exactly once, through Kafka and a killed service alike. The test acts as the users do: the marketplace
 * (platform key, signed inbound webhook, and a Kafka producer and consumer of the order topic for the notices and
 * offers it delivers), the seller (key and webhook endpoint), and reads only HTTP, Kafka and webhooks.
 */
describe('supply incidents (issue 19): the X36 journey', () => {
  let journeys: Journeys;

  beforeAll(async () => {
    // Deadlines long enough that no clock decides a dispute while the incident runs (accepting the proposals does).
    journeys = await Journeys.start('supply', {
      sellerResponse: 'PT5M',
      reminderLead: 'PT1M',
      platformIntervention: 'PT10M',
    });
  }, 180_000);

  afterAll(async () => {
    await journeys?.stop();
  });

  const newId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;

  async function listingOf(seller: Seller): Promise<string> {
    const listingId = newId('L-X36');
    const sample = eventSamples[EventType.LISTING_UPSERTED]();
    await journeys.inbound(
      EventType.LISTING_UPSERTED,
      listingId,
      { ...sample, listingId, sellerId: seller.sellerId, title: 'X36 set-top box, 4K, EU plug' },
      seller.sellerId,
    );
    return listingId;
  }

  /** The marketplace reports an order paid 12 days ago (its dispute window is open; it was never shipped). */
  async function paid(seller: Seller, listingId: string, locale: string, buyerId = newId('B')): Promise<PaidOrder> {
    const order = { orderId: newId('O-X36'), buyerId, locale, amountMinor: 8_990, paidAt: iso(Date.now() - 12 * DAY) };
    await journeys.inbound(
      EventType.ORDER_PAID,
      order.orderId,
      {
        ...eventSamples[EventType.ORDER_PAID](),
        orderId: order.orderId,
        buyerId,
        sellerId: seller.sellerId,
        listingId,
        amount: USD(order.amountMinor),
        paidAt: order.paidAt,
        promisedDeliveryDays: 10,
        buyerLocale: locale,
      },
      seller.sellerId,
    );
    return order;
  }

  /** The buyer's dispute: "sold but won't sell", out of stock, on the never-shipped order. */
  async function disputeOn(seller: Seller, listingId: string, order: PaidOrder): Promise<string> {
    const response = await journeys.cluster.call('dispute-intake', 'POST', '/v1/disputes', {
      key: journeys.platform,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        orderId: order.orderId,
        buyerId: order.buyerId,
        sellerId: seller.sellerId,
        listingId,
        reason: 'SELLER_REFUSED_SALE',
        subReason: 'OUT_OF_STOCK',
        requested: { type: 'REFUND_ONLY', refund: USD(order.amountMinor) },
        description: 'The seller wrote that the X36 box is out of stock and has not shipped my order.',
        evidence: [],
        buyerLocale: order.locale,
        order: {
          amount: USD(order.amountMinor),
          paidAt: order.paidAt,
          promisedDeliveryDays: 10,
          buyerCountry: 'FR',
          sellerCountry: 'CN',
        },
      },
    });
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    await journeys.knownToNegotiation(id, seller);
    return id;
  }

  /** Declares once negotiation has heard of the listing (a 404 before that changes nothing). */
  async function declare(seller: Seller, listingId: string): Promise<{ id: string }> {
    const response = await eventually(
      async () => {
        const answer = await journeys.cluster.call('negotiation', 'POST', '/v1/supply-incidents', {
          key: seller.key,
          body: { listingId, cause: 'SUPPLIER_FAILED', expectedRestockAt: iso(Date.now() + 30 * DAY) },
        });
        return answer.status === 404 ? undefined : answer;
      },
      { timeoutMs: 30_000, what: `negotiation to know listing ${listingId}` },
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  const progressOf = async (seller: Seller, incidentId: string) =>
    (await journeys.cluster.call('negotiation', 'GET', `/v1/supply-incidents/${incidentId}`, { key: seller.key })).body;

  /** Distinct events (at least once on Kafka: a replay has the same id) of `type` on `topic` about `subject`. */
  function distinct(topic: string, type: string, subject: string): EventEnvelope<any>[] {
    const byId = new Map<string, EventEnvelope<any>>();
    for (const event of journeys.kafka.events(topic)) {
      if (event.type === type && event.subject === subject) byId.set(event.id, event as EventEnvelope<any>);
    }
    return [...byId.values()];
  }

  const notices = (orderId: string) => distinct(Topics.ORDER_EVENTS, EventType.ORDER_BUYER_NOTICE_REQUESTED, orderId);
  const offers = (orderId: string) => distinct(Topics.ORDER_EVENTS, EventType.ORDER_REFUND_OFFERED, orderId);
  const sellerMessages = (disputeId: string) =>
    distinct(Topics.MESSAGE_EVENTS, EventType.MESSAGE_POSTED, disputeId).filter(
      (event) => event.data.author.role === 'SELLER',
    );
  /** The seller's proposals the owner applied (a seller's proposal while the dispute awaits the seller is its answer). */
  const appliedProposals = (disputeId: string) =>
    distinct(Topics.DISPUTE_EVENTS, EventType.DISPUTE_SELLER_RESPONDED, disputeId).filter(
      (event) => event.data.counterProposal,
    );
  const proposalCommands = (disputeId: string) =>
    distinct(Topics.DISPUTE_COMMANDS, 'dispute.command.submit_proposal', disputeId);

  /** The marketplace's answer to an offer: the buyer took the refund (a Kafka producer of the order topic). */
  async function refundAccepted(seller: Seller, incidentId: string, order: PaidOrder): Promise<void> {
    const envelope = createEnvelope(
      {
        type: EventType.ORDER_REFUND_ACCEPTED,
        source: 'marketplace',
        subject: order.orderId,
        sellerId: seller.sellerId,
        data: {
          orderId: order.orderId,
          incidentId,
          buyerId: order.buyerId,
          sellerId: seller.sellerId,
          amount: USD(order.amountMinor),
          acceptedAt: new Date().toISOString(),
        },
      },
      { validateData: true },
    );
    await journeys.kafka.produce(Topics.ORDER_EVENTS, [{ key: order.orderId, value: JSON.stringify(envelope) }]);
  }

  it('X36: one declaration; each unshipped order one notice in its buyer’s language and one offer, each dispute one proposal and one message, the shipped order untouched, a later order added, the disputes agreed, the progress counted, the seller told it is settled', async () => {
    const seller = await journeys.seller();
    const listingId = await listingOf(seller);
    // Five paid orders from buyers in three locales; the first two with open disputes; the fifth already shipped
    // (by the first buyer, so negotiation's case context of that buyer's dispute shows it knows of the shipment).
    const [o1, o2, o3, o4] = [
      await paid(seller, listingId, 'fr-FR'),
      await paid(seller, listingId, 'es-ES'),
      await paid(seller, listingId, 'pt-BR'),
      await paid(seller, listingId, 'fr-FR'),
    ] as [PaidOrder, PaidOrder, PaidOrder, PaidOrder];
    const shipped = await paid(seller, listingId, 'fr-FR', o1.buyerId);
    await journeys.inbound(
      EventType.ORDER_SHIPPED,
      shipped.orderId,
      { ...eventSamples[EventType.ORDER_SHIPPED](), orderId: shipped.orderId, shippedAt: iso(Date.now() - 11 * DAY) },
      seller.sellerId,
    );
    const d1 = await disputeOn(seller, listingId, o1);
    const d2 = await disputeOn(seller, listingId, o2);
    await eventually(
      async () => {
        const context = await journeys.cluster.call('negotiation', 'GET', `/v1/disputes/${d1}/context`, {
          key: seller.key,
        });
        return context.body.orders?.some((order: any) => order.orderId === shipped.orderId && order.shippedAt);
      },
      { timeoutMs: 30_000, what: 'negotiation to know the fifth order shipped' },
    );

    const declared = Date.now();
    const incident = await declare(seller, listingId);
    const unshipped = [o1, o2, o3, o4];
    // An order paid after the declaration (the delisting came too late) joins.
    const late = await paid(seller, listingId, 'es-MX');

    await eventually(
      () =>
        [...unshipped, late].every((order) => notices(order.orderId).length > 0 && offers(order.orderId).length > 0),
      { timeoutMs: 30_000, what: 'a notice and an offer for every unshipped order' },
    );
    await eventually(() => [d1, d2].every((id) => sellerMessages(id).length > 0), {
      timeoutMs: 30_000,
      what: 'the withdrawal request on both disputes',
    });
    const fanOutMs = Date.now() - declared;

    const languages = { 'fr-FR': 'fr', 'es-ES': 'es', 'pt-BR': 'pt', 'es-MX': 'es' } as Record<string, string>;
    for (const order of [...unshipped, late]) {
      expect(notices(order.orderId).map((event) => [event.data.incidentId, event.data.locale])).toEqual([
        [incident.id, languages[order.locale]],
      ]);
      expect(offers(order.orderId).map((event) => [event.data.remedy, event.data.amount])).toEqual([
        ['FULL_REFUND', USD(order.amountMinor)],
      ]);
    }
    expect(notices(o3.orderId)[0]?.data.body).toContain('reembolso total');
    expect([...notices(shipped.orderId), ...offers(shipped.orderId)]).toEqual([]);

    // Each dispute: one proposal (a full refund, sent as the seller's) and one message, in the buyer's language.
    for (const [disputeId, order, phrase] of [
      [d1, o1, 'pourriez-vous fermer ce litige'],
      [d2, o2, '¿podría cerrar esta disputa'],
    ] as const) {
      await eventually(() => appliedProposals(disputeId).length > 0, { what: `the proposal applied on ${disputeId}` });
      expect(proposalCommands(disputeId).map((command) => [command.data.actor.role, command.data.proposal])).toEqual([
        ['SELLER', expect.objectContaining({ type: 'REFUND_ONLY', refund: USD(order.amountMinor) })],
      ]);
      expect(appliedProposals(disputeId)).toHaveLength(1);
      const [message] = sellerMessages(disputeId);
      expect(sellerMessages(disputeId)).toHaveLength(1);
      expect(message?.data.body).toContain(phrase);
    }

    // The buyers accept the proposals: the disputes are AGREED.
    for (const disputeId of [d1, d2]) {
      const proposals = await journeys.cluster.call('negotiation', 'GET', `/v1/disputes/${disputeId}/proposals`, {
        key: journeys.platform,
      });
      const offer = (proposals.body.items as { proposalId: string; by: string }[]).find((p) => p.by === 'SELLER');
      await journeys.act(journeys.platform, `/v1/disputes/${disputeId}/proposals/${offer?.proposalId}/accept`, {});
      await journeys.waitForEvent(Topics.DISPUTE_EVENTS, EventType.DISPUTE_AGREED, disputeId);
      journeys.expectEachEventOnce(disputeId);
    }
    // The other buyers take the refund offered (the marketplace reports it).
    for (const order of [o3, o4, late]) await refundAccepted(seller, incident.id, order);

    const settled = await seller.hooks.waitFor('supply_incident.settled', incident.id, 40_000);
    expect(settled.event.data).toMatchObject({
      incidentId: incident.id,
      listingId,
      affectedOrders: 5,
      settledOrders: 5,
    });
    const view = await progressOf(seller, incident.id);
    expect(view.progress).toEqual(
      expect.objectContaining({
        affectedOrders: 5,
        droppedOrders: 0,
        noticesSent: 5,
        refundsOffered: 5,
        refundsAccepted: 3,
        ordersSettled: 5,
        disputes: 2,
        disputesProposed: 2,
        disputesAgreed: 2,
        disputesWithdrawn: 0,
        disputesOpen: 0,
        disputesRefused: 0,
        settled: true,
      }),
    );
    expect(view.orders.map((order: any) => order.orderId).sort()).toEqual(
      [...unshipped, late].map((order) => order.orderId).sort(),
    );
    expect(view.disputes.map((row: any) => [row.disputeId, row.orderId, row.state, row.outcome])).toEqual(
      expect.arrayContaining([
        [d1, o1.orderId, 'PROPOSED', 'AGREED'],
        [d2, o2.orderId, 'PROPOSED', 'AGREED'],
      ]),
    );
    expect(seller.hooks.types(incident.id).filter((type) => type === 'supply_incident.settled')).toHaveLength(1);
    expect(seller.hooks.rejected).toBe(0);
    console.info(`X36 journey: every notice, offer and proposal message out ${fanOutMs} ms after the declaration`);
  }, 180_000);

  it('SIGKILL of the services during the fan-out, then restart: no order gets a second notice, offer or proposal, and none is missed', async () => {
    const seller = await journeys.seller();
    const listingId = await listingOf(seller);
    const locales = ['fr-FR', 'es-ES', 'pt-BR'];
    const orders: PaidOrder[] = [];
    for (let index = 0; index < 24; index += 1)
      orders.push(await paid(seller, listingId, required(locales[index % 3], 'a locale')));
    const disputes = new Map<string, PaidOrder>();
    for (const order of orders.slice(0, 8)) disputes.set(await disputeOn(seller, listingId, order), order);

    const incident = await declare(seller, listingId);
    const disputeIds = [...disputes.keys()];
    const everyone: ServiceName[] = ['negotiation', 'dispute-intake', 'listing-audit', 'escalation-timer'];
    const others: ServiceName[] = ['negotiation', 'listing-audit', 'escalation-timer'];

    // 1. The declaration has committed (notices, offers and queued disputes in negotiation's outbox and tables); the
    //    relay, the proposal worker, the owner's answers and the messages are all ahead: every service is killed.
    await Promise.all(everyone.map((name) => journeys.cluster.kill(name)));
    const atFirstKill = orders.filter((order) => notices(order.orderId).length > 0).length;

    // 2. Restarted without the owner: the notices, offers and the proposals' commands go out, but no proposal can be
    //    applied, so no message; negotiation is killed again with its proposals sent and unanswered.
    await Promise.all(others.map((name) => journeys.cluster.startService(name)));
    await eventually(
      () =>
        orders.every((order) => notices(order.orderId).length > 0 && offers(order.orderId).length > 0) &&
        disputeIds.every((id) => proposalCommands(id).length > 0),
      { timeoutMs: 60_000, what: 'every notice, offer and proposal command out' },
    );
    await journeys.cluster.kill('negotiation');
    const atSecondKill = disputeIds.filter((id) => sellerMessages(id).length > 0).length;

    // 3. The owner applies the proposals while negotiation is down; negotiation restarts, hears the answers, and posts
    //    each withdrawal request.
    await journeys.cluster.startService('dispute-intake');
    await eventually(() => disputeIds.every((id) => appliedProposals(id).length > 0), {
      timeoutMs: 60_000,
      what: 'every proposal applied by the owner',
    });
    await journeys.cluster.startService('negotiation');

    const view = await eventually(
      async () => {
        const current = await progressOf(seller, incident.id);
        const { progress } = current;
        return progress.noticesSent === orders.length && progress.disputesProposed === disputes.size
          ? current
          : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'every order notified and every dispute proposed after the restart' },
    );
    await eventually(
      () =>
        orders.every((order) => notices(order.orderId).length > 0 && offers(order.orderId).length > 0) &&
        disputeIds.every((id) => sellerMessages(id).length > 0),
      { timeoutMs: 60_000, what: 'every notice, offer and message on Kafka' },
    );
    for (const order of orders) {
      expect({
        order: order.orderId,
        notices: notices(order.orderId).length,
        offers: offers(order.orderId).length,
      }).toEqual({ order: order.orderId, notices: 1, offers: 1 });
    }
    for (const [disputeId] of disputes) {
      expect({
        dispute: disputeId,
        commands: proposalCommands(disputeId).length,
        applied: appliedProposals(disputeId).length,
        messages: sellerMessages(disputeId).length,
      }).toEqual({ dispute: disputeId, commands: 1, applied: 1, messages: 1 });
      const messages = await journeys.cluster.call('negotiation', 'GET', `/v1/disputes/${disputeId}/messages`, {
        key: seller.key,
      });
      expect(messages.body.items.filter((message: any) => message.author.role === 'SELLER')).toHaveLength(1);
      journeys.expectEachEventOnce(disputeId);
    }
    expect(view.progress).toMatchObject({ affectedOrders: 24, refundsOffered: 24, disputes: 8, disputesRefused: 0 });
    console.info(
      `SIGKILL during the fan-out: ${atFirstKill}/24 notices out at the first kill, ${atSecondKill}/8 messages at the second; all, once each, after the restarts`,
    );
  }, 240_000);
});

function iso(at: number): string {
  return new Date(at).toISOString();
}
