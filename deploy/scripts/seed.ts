import { createEnvelope, Topics } from '@settle/contracts';
import { openDisputeBody } from '@settle/contracts/testing';
import { cloudEventMessage, createKafka, parseBrokers } from '@settle/messaging';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withKeyStore } from './keys';

export interface DemoSeed {
  keys: { role: string; sellerId?: string; key: string }[];
  sellerId: string;
  listingId: string;
  orderId: string;
  disputeId: string;
  /** The cases the seed put in the staff queue, in words (for the printout). */
  escalations: string[];
}

export interface SeedOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  topicPrefix?: string;
  /** The schema of API keys (AUTH_SCHEMA). */
  authSchema?: string;
  /** dispute-intake's schema: the seed waits there for the listing audit to be known before the tassel order. */
  intakeSchema?: string;
  /** Where the services are: LISTING_AUDIT_URL, DISPUTE_INTAKE_URL, NEGOTIATION_URL, ESCALATION_TIMER_URL. */
  urls: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies as the seed reads them
type Json = Record<string, any>;

const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Polls `probe` until it returns a value; the seed's only way to wait (each service applies events on its own). */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`the demo seed timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The demo seller's single tassel pendant, and the lot imported from it that kept its single-piece price. */
function pendant(listingId: string, lot: boolean, updatedAt: string): Json {
  return {
    listingId,
    sellerId: 'S-DEMO-1',
    category: 'jewelry.pendants',
    title: lot ? 'Silk tassel pendant, handmade, lot of 10' : 'Silk tassel pendant, handmade, 1 piece',
    description: lot
      ? 'Ten handmade silk tassel pendants, 8 cm each, sold as a lot of 10.'
      : 'One handmade silk tassel pendant, 8 cm.',
    images: [{ url: `http://127.0.0.1:3001/demo/${lot ? 'tassel-lot' : 'tassel'}.png` }],
    attributes: { material: 'silk', color: lot ? 'blue' : 'red' },
    saleUnit: lot ? { type: 'LOT', piecesPerLot: 10 } : { type: 'PIECE' },
    skus: [
      {
        skuId: lot ? 'SKU-BLUE-LOT' : 'SKU-RED',
        attributes: { color: lot ? 'blue' : 'red' },
        price: USD(999),
        stock: lot ? 200 : 120,
      },
    ],
    shipping: {
      fee: USD(0),
      processingDays: 2,
      promisedDeliveryDays: 20,
      shipsFrom: 'CN',
      shipsTo: ['US', 'FR', 'BR'],
    },
    updatedAt,
  };
}

/**
 * The demo: API keys for each role; a seller whose single tassel pendant is on sale, with a paid, shipped order and a
 * dispute the seller has to answer (the README's walk-through); and a staff queue that is not empty: a case escalated
 * first (the first to turn overdue: the demo policy gives staff 3 minutes), one claimed by the demo staff member, one
 * ruled by the demo lead, and the tassel-pendant case (a lot of 10 published at the single-piece price of 9.99 USD,
 * flagged by the listing audit before the buyer paid; the seller then refused the sale). Everything goes the way the
 * marketplace and people do it: events on Kafka, the services' APIs with each role's key. A seed run on a database of
 * an earlier run adds its cases beside the earlier ones.
 */
export async function seedDemo(options: SeedOptions): Promise<DemoSeed> {
  const sellerId = 'S-DEMO-1';
  const listingId = 'L-DEMO-1';
  const orderId = 'O-DEMO-1';
  const run = randomBytes(3).toString('hex').toUpperCase();
  const prefix = options.topicPrefix ?? '';
  const urlOf = (name: string): string => {
    const url = options.urls[name];
    if (!url) throw new Error(`seed: ${name} is not given`);
    return url;
  };
  const urls = {
    audit: urlOf('LISTING_AUDIT_URL'),
    intake: urlOf('DISPUTE_INTAKE_URL'),
    timer: urlOf('ESCALATION_TIMER_URL'),
  };
  const keys = await withKeyStore(
    options.databaseUrl,
    async (store) => [
      await store.create({ role: 'platform', label: 'demo marketplace backend' }),
      await store.create({ role: 'seller', sellerId, label: 'demo seller' }),
      await store.create({ role: 'staff', staffId: 'staff-demo', label: 'demo case handler' }),
      await store.create({ role: 'lead', staffId: 'lead-demo', label: 'demo team lead' }),
    ],
    options.authSchema,
  );
  const keyOf = (role: string) => keys.find((key) => key.role === role)!.key;
  const call = async (base: string, method: string, path: string, role: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${keyOf(role)}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' && path === '/v1/disputes'
          ? { 'idempotency-key': `demo-${run}-${randomBytes(4).toString('hex')}` }
          : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };

  const kafka = createKafka({ brokers: parseBrokers(options.kafkaBrokers), clientId: 'settle-demo-seed' });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const publish = async (topic: string, key: string, type: string, data: Json) => {
    const event = createEnvelope({ type, source: 'marketplace', subject: key, sellerId, data });
    // The CloudEvents Kafka binding's structured mode, as every producer of Settle's topics uses it.
    await producer.send({ topic: prefix + topic, acks: -1, messages: [cloudEventMessage(event)] });
  };
  /** A paid order on the demo seller's listing (and its shipment, when `shippedDaysAgo` is given). */
  const order = async (input: {
    orderId: string;
    listingId?: string;
    skuId?: string;
    quantity?: number;
    amountMinor: number;
    paidAt: string;
    shippedDaysAgo?: number;
    promisedDeliveryDays?: number;
    buyerCountry: string;
  }) => {
    await publish(Topics.ORDER_EVENTS, input.orderId, 'order.paid', {
      orderId: input.orderId,
      buyerId: `B-${input.orderId}`,
      sellerId,
      listingId: input.listingId ?? listingId,
      skuId: input.skuId ?? 'SKU-RED',
      quantity: input.quantity ?? 1,
      amount: USD(input.amountMinor),
      paidAt: input.paidAt,
      buyerCountry: input.buyerCountry,
      sellerCountry: 'CN',
      promisedDeliveryDays: input.promisedDeliveryDays ?? 20,
    });
    if (input.shippedDaysAgo !== undefined) {
      await publish(Topics.ORDER_EVENTS, input.orderId, 'order.shipped', {
        orderId: input.orderId,
        carrier: 'China Post',
        trackingNumber: `RR${input.orderId.replace(/\W/g, '').slice(-9)}CN`,
        shippedAt: daysAgo(input.shippedDaysAgo),
      });
    }
  };
  /** A dispute opened for the buyer by the marketplace, once dispute-intake knows the order (422 until then). */
  const open = async (body: Json): Promise<string> =>
    until(`dispute-intake to open the dispute on ${body.orderId as string}`, async () => {
      const response = await call(urls.intake, 'POST', '/v1/disputes', 'platform', {
        buyerId: `B-${body.orderId as string}`,
        sellerId,
        listingId,
        evidence: [],
        buyerLocale: 'en-US',
        ...body,
      });
      if (response.status === 201) return response.body.id as string;
      if (response.status === 422 && /order/i.test(String(response.body.code))) return undefined;
      throw new Error(`${response.status} ${response.body.detail}`);
    });
  /** The buyer escalates (through the platform) as soon as the window opens; the case enters the staff queue. */
  const escalate = async (disputeId: string): Promise<string> => {
    await until(`the escalation of ${disputeId}`, async () => {
      const response = await call(urls.timer, 'POST', `/v1/disputes/${disputeId}/escalate`, 'platform', {
        note: 'The buyer asks the platform to decide.',
      });
      return response.status < 300 ? true : undefined;
    });
    return until(`${disputeId} in the staff queue`, async () => {
      const queue = await call(urls.timer, 'GET', '/v1/escalations?limit=100', 'lead');
      return (queue.body.items as { id: string; disputeId: string }[]).find((item) => item.disputeId === disputeId)?.id;
    });
  };

  let disputeId: string | undefined;
  const escalations: string[] = [];
  try {
    // The README's walk-through: the seller has a dispute to answer.
    await publish(Topics.LISTING_EVENTS, listingId, 'listing.upserted', pendant(listingId, false, daysAgo(30)));
    await order({ orderId, amountMinor: 999, paidAt: daysAgo(12), shippedDaysAgo: 11, buyerCountry: 'FR' });
    const response = await call(
      urls.intake,
      'POST',
      '/v1/disputes',
      'platform',
      openDisputeBody(
        { orderId, buyerId: 'B-DEMO-1', sellerId, listingId },
        {
          paidAt: daysAgo(12),
          shippedAt: daysAgo(11),
          carrier: 'China Post',
          trackingNumber: 'RR123456789CN',
          buyerCountry: 'FR',
          sellerCountry: 'CN',
        },
        {
          description: 'I ordered one tassel pendant and the parcel was empty apart from the packing.',
          evidence: [{ kind: 'PHOTO', url: 'https://example.com/demo/empty-parcel.jpg' }],
        },
      ),
    );
    disputeId = response.body.id as string | undefined;
    if (response.status === 409 && response.body.code === 'DISPUTE_ALREADY_OPEN') {
      // An earlier `npm start` on this database opened it: the demo goes on with that one.
      const openOnes = await call(urls.intake, 'GET', `/v1/disputes?orderId=${orderId}`, 'platform');
      disputeId = (openOnes.body.items as { id: string; status: string }[]).find(
        (item) => !['RESOLVED', 'CANCELLED'].includes(item.status),
      )?.id;
    }
    if (!disputeId) throw new Error(`the demo dispute was refused: ${response.status} ${response.body.detail}`);

    try {
      // 1. Escalated first: the first case to pass its ruling SLA.
      const late = `O-DEMO-LATE-${run}`;
      await order({
        orderId: late,
        amountMinor: 1_998,
        quantity: 2,
        paidAt: daysAgo(16),
        shippedDaysAgo: 15,
        buyerCountry: 'BR',
      });
      const lateId = await open({
        orderId: late,
        reason: 'NOT_AS_DESCRIBED',
        subReason: 'DIFFERENT_FROM_LISTING',
        requested: { type: 'REFUND_ONLY', refund: USD(1_998) },
        description: 'The pendants are polyester, not silk as the listing says, and the colour is orange.',
        evidence: [{ kind: 'PHOTO', url: 'https://example.com/demo/orange-polyester.jpg' }],
        buyerLocale: 'pt-BR',
      });
      await escalate(lateId);
      escalations.push(`${lateId} (escalated first: overdue 3 minutes after start)`);

      // 2. The tassel-pendant case: the lot kept the single piece's price, the audit flagged it before the buyer paid.
      const lotId = `L-DEMO-TASSEL-LOT-${run}`;
      await until('the single pendant to be audited', async () => {
        const audits = await call(urls.audit, 'GET', `/v1/listings/${listingId}/audits`, 'platform');
        return audits.status === 200 && (audits.body.items as unknown[]).length > 0 ? true : undefined;
      });
      await publish(Topics.LISTING_EVENTS, lotId, 'listing.upserted', pendant(lotId, true, new Date().toISOString()));
      await until('the tassel lot to be flagged', async () => {
        const audits = await call(urls.audit, 'GET', `/v1/listings/${lotId}/audits`, 'platform');
        const items = audits.body?.items as { findings?: { ruleId: string }[] }[] | undefined;
        const findings = items?.[0]?.findings ?? [];
        return findings.some((finding) => finding.ruleId.startsWith('SALE_UNIT')) ? true : undefined;
      });
      await until('dispute-intake to know the lot’s audit', async () => {
        const client = new Client({ connectionString: options.databaseUrl });
        await client.connect();
        try {
          const { rows } = await client.query(
            `SELECT 1 FROM "${options.intakeSchema ?? 'dispute_intake'}".listing_audits WHERE listing_id = $1`,
            [lotId],
          );
          return rows.length > 0 ? true : undefined;
        } finally {
          await client.end();
        }
      });
      const tasselOrder = `O-DEMO-TASSEL-${run}`;
      // A returning buyer ordered 6 lots that night; the seller then asked ten times the price and would not ship.
      await order({
        orderId: tasselOrder,
        listingId: lotId,
        skuId: 'SKU-BLUE-LOT',
        quantity: 6,
        amountMinor: 5_994,
        paidAt: new Date().toISOString(),
        promisedDeliveryDays: 4,
        buyerCountry: 'US',
      });
      const tasselId = await open({
        orderId: tasselOrder,
        listingId: lotId,
        reason: 'SELLER_REFUSED_SALE',
        subReason: 'ASKED_FOR_MORE_MONEY',
        requested: { type: 'REFUND_ONLY', refund: USD(5_994) },
        description: 'I paid for 6 lots of 10 tassel pendants; the seller now asks 99.90 USD a lot and will not ship.',
      });
      await escalate(tasselId);
      escalations.push(`${tasselId} (the tassel-pendant lot flagged for its sale unit)`);

      // 3. Claimed by the demo staff member (its "Mine" view).
      const claimed = `O-DEMO-CLAIMED-${run}`;
      await order({ orderId: claimed, amountMinor: 999, paidAt: daysAgo(40), shippedDaysAgo: 30, buyerCountry: 'US' });
      const claimedId = await open({
        orderId: claimed,
        reason: 'NOT_RECEIVED',
        subReason: 'IN_TRANSIT_OVERDUE',
        requested: { type: 'REFUND_ONLY', refund: USD(999) },
        description: 'Thirty days after shipping the tracking still says in transit.',
      });
      const claimedCase = await escalate(claimedId);
      const claim = await call(urls.timer, 'POST', `/v1/escalations/${claimedCase}/claim`, 'staff', {});
      if (claim.status !== 200) throw new Error(`claim: ${claim.status} ${claim.body.detail}`);
      escalations.push(`${claimedId} (claimed by staff-demo)`);

      // 4. Ruled by the demo lead.
      const ruled = `O-DEMO-RULED-${run}`;
      await order({
        orderId: ruled,
        amountMinor: 2_997,
        quantity: 3,
        paidAt: daysAgo(14),
        shippedDaysAgo: 12,
        buyerCountry: 'FR',
      });
      const ruledId = await open({
        orderId: ruled,
        reason: 'NOT_AS_DESCRIBED',
        subReason: 'DAMAGED',
        requested: { type: 'REFUND_ONLY', refund: USD(2_997) },
        description: 'Two of the three pendants arrived with their tassels torn off.',
        evidence: [{ kind: 'PHOTO', url: 'https://example.com/demo/torn-tassels.jpg' }],
        buyerLocale: 'fr-FR',
      });
      const ruledCase = await escalate(ruledId);
      const leadClaim = await call(urls.timer, 'POST', `/v1/escalations/${ruledCase}/claim`, 'lead', {});
      if (leadClaim.status !== 200) throw new Error(`claim: ${leadClaim.status} ${leadClaim.body.detail}`);
      const ruling = await call(urls.timer, 'POST', `/v1/escalations/${ruledCase}/ruling`, 'lead', {
        outcome: 'PARTIAL_REFUND',
        refund: USD(1_998),
        rationale: 'Two of the three pendants are shown damaged on arrival; the third is as described.',
        citations: [{ kind: 'POLICY_RULE', ref: 'NOT-AS-DESCRIBED-EVIDENCE' }],
      });
      if (ruling.status >= 300) throw new Error(`ruling: ${ruling.status} ${ruling.body.detail}`);
      await until(`the ruling on ${ruledId}`, async () => {
        const queue = await call(urls.timer, 'GET', '/v1/escalations?status=RULED&limit=100', 'lead');
        return (queue.body.items as { id: string }[]).some((item) => item.id === ruledCase) ? true : undefined;
      });
      escalations.push(`${ruledId} (ruled by lead-demo)`);
    } catch (error) {
      // A policy that does not let the buyer escalate yet (default.json: after 4 days) leaves the queue for later.
      escalations.push(`not all seeded: ${(error as Error).message}`);
    }
  } finally {
    await producer.disconnect();
  }
  return {
    disputeId,
    escalations,
    keys: keys.map((key) => ({ role: key.role, sellerId: key.sellerId, key: key.key })),
    sellerId,
    listingId,
    orderId,
  };
}
