import { createEnvelope, Topics } from '@settle/contracts';
import { createKafka, parseBrokers } from '@settle/messaging';
import { withKeyStore } from './keys';

export interface DemoSeed {
  keys: { role: string; sellerId?: string; key: string }[];
  sellerId: string;
  listingId: string;
  orderId: string;
  disputeId: string;
}

/**
 * A small demo: API keys for each role, a seller with one listing and one paid, shipped order, fed the
 * way the marketplace feeds them (events on Kafka), and a dispute on that order opened through the
 * dispute-intake API as the marketplace backend opens one for a buyer.
 */
export async function seedDemo(
  databaseUrl: string,
  kafkaBrokers: string,
  intakeUrl: string,
  topicPrefix = '',
): Promise<DemoSeed> {
  const sellerId = 'S-DEMO-1';
  const listingId = 'L-DEMO-1';
  const orderId = 'O-DEMO-1';
  const keys = await withKeyStore(databaseUrl, async (store) => [
    await store.create({ role: 'platform', label: 'demo marketplace backend' }),
    await store.create({ role: 'seller', sellerId, label: 'demo seller' }),
    await store.create({ role: 'staff', staffId: 'staff-demo', label: 'demo case handler' }),
    await store.create({ role: 'lead', staffId: 'lead-demo', label: 'demo team lead' }),
  ]);

  const kafka = createKafka({ brokers: parseBrokers(kafkaBrokers), clientId: 'settle-demo-seed' });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const paidAt = new Date(Date.now() - 12 * 86_400_000).toISOString();
  const shippedAt = new Date(Date.now() - 11 * 86_400_000).toISOString();
  try {
    const listing = createEnvelope({
      type: 'listing.upserted',
      source: 'marketplace',
      subject: listingId,
      sellerId,
      data: {
        listingId,
        sellerId,
        category: 'jewelry.pendants',
        title: 'Silk tassel pendant, handmade, 1 piece',
        description: 'One handmade silk tassel pendant, 8 cm.',
        images: [{ url: 'http://127.0.0.1:3001/demo/tassel.png' }],
        attributes: { material: 'silk', color: 'red' },
        saleUnit: { type: 'PIECE' },
        skus: [
          { skuId: 'SKU-RED', attributes: { color: 'red' }, price: { amountMinor: 999, currency: 'USD' }, stock: 120 },
        ],
        shipping: {
          fee: { amountMinor: 0, currency: 'USD' },
          processingDays: 2,
          promisedDeliveryDays: 20,
          shipsFrom: 'CN',
          shipsTo: ['US', 'FR', 'BR'],
        },
      },
    });
    const paid = createEnvelope({
      type: 'order.paid',
      source: 'marketplace',
      subject: orderId,
      sellerId,
      data: {
        orderId,
        buyerId: 'B-DEMO-1',
        sellerId,
        listingId,
        skuId: 'SKU-RED',
        quantity: 1,
        amount: { amountMinor: 999, currency: 'USD' },
        paidAt,
        buyerCountry: 'FR',
        sellerCountry: 'CN',
        promisedDeliveryDays: 20,
      },
    });
    const shipped = createEnvelope({
      type: 'order.shipped',
      source: 'marketplace',
      subject: orderId,
      sellerId,
      data: { orderId, carrier: 'China Post', trackingNumber: 'RR123456789CN', shippedAt },
    });
    await producer.send({
      topic: topicPrefix + Topics.LISTING_EVENTS,
      acks: -1,
      messages: [{ key: listingId, value: JSON.stringify(listing) }],
    });
    await producer.send({
      topic: topicPrefix + Topics.ORDER_EVENTS,
      acks: -1,
      messages: [paid, shipped].map((event) => ({ key: orderId, value: JSON.stringify(event) })),
    });
  } finally {
    await producer.disconnect();
  }
  const platformKey = keys.find((key) => key.role === 'platform')!.key;
  const response = await fetch(`${intakeUrl}/v1/disputes`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${platformKey}`,
      'content-type': 'application/json',
      'idempotency-key': `demo-${orderId}`,
    },
    body: JSON.stringify({
      orderId,
      buyerId: 'B-DEMO-1',
      sellerId,
      listingId,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'QUANTITY_SHORT',
      requested: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
      description: 'I ordered one tassel pendant and the parcel was empty apart from the packing.',
      evidence: [{ kind: 'PHOTO', url: 'https://example.com/demo/empty-parcel.jpg' }],
      buyerLocale: 'fr-FR',
      order: {
        amount: { amountMinor: 999, currency: 'USD' },
        paidAt,
        shippedAt,
        promisedDeliveryDays: 20,
        carrier: 'China Post',
        trackingNumber: 'RR123456789CN',
        buyerCountry: 'FR',
        sellerCountry: 'CN',
      },
    }),
  });
  const dispute = (await response.json()) as { id?: string; detail?: string; code?: string };
  let disputeId = dispute.id;
  if (response.status === 409 && dispute.code === 'DISPUTE_ALREADY_OPEN') {
    // An earlier `npm start` on this database opened it: the demo goes on with that one.
    const open = await fetch(`${intakeUrl}/v1/disputes?orderId=${orderId}`, {
      headers: { authorization: `Bearer ${platformKey}` },
    });
    const { items } = (await open.json()) as { items: { id: string; status: string }[] };
    disputeId = items.find((item) => !['RESOLVED', 'CANCELLED'].includes(item.status))?.id;
  }
  if (!disputeId) throw new Error(`the demo dispute was refused: ${response.status} ${dispute.detail}`);
  return {
    disputeId,
    keys: keys.map((key) => ({ role: key.role, sellerId: key.sellerId, key: key.key })),
    sellerId,
    listingId,
    orderId,
  };
}
