import { createEnvelope, Topics, uuidv7, validatePayload, type EventEnvelope } from '@settle/contracts';
import { eventSamples, sampleListing } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { idempotencyKey, OPENED_AT, SELLER, startIntake, type IntakeHarness } from '../testing/intake-harness';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const ORDER_ID = 'ORD-INBOUND-1';
const LISTING_ID = 'L-INBOUND-1';

function marketplaceEvent(type: string, subject: string, data: unknown): EventEnvelope {
  return createEnvelope({ type, source: 'marketplace', subject, sellerId: SELLER, data }, { validateData: true });
}

describe('dispute-intake: the signed inbound webhook and the order and listing projections', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_inbound', {
      env: { INBOUND_WEBHOOK_SECRET: SECRET },
      watch: [Topics.ORDER_EVENTS, Topics.LISTING_EVENTS],
    });
    h.setNow(OPENED_AT);
  });

  afterAll(async () => {
    await h.close();
  });

  /** POSTs `body` signed the Standard Webhooks way; `options` spoil one part of it. */
  async function deliver(
    body: string,
    options: {
      id?: string;
      timestamp?: Date;
      secret?: string;
      sentBody?: string;
      omit?: string;
      contentType?: string;
    } = {},
  ) {
    const id = options.id ?? `msg_${uuidv7()}`;
    const timestamp = options.timestamp ?? new Date();
    const signature = new Webhook(options.secret ?? SECRET).sign(id, timestamp, body);
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
    if (options.omit) delete headers[options.omit];
    const response = await fetch(`${h.service.baseUrl}/v1/inbound/marketplace`, {
      method: 'POST',
      headers,
      body: options.sentBody ?? body,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.json(),
    };
  }

  async function inboundCount(): Promise<number> {
    const [{ count } = { count: NaN }] = await h.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM inbound_webhooks`,
    );
    return count;
  }

  it('accepts a signed order.paid once, publishes it on the orders topic, and refuses a replayed webhook-id', async () => {
    const paid = marketplaceEvent('order.paid', ORDER_ID, {
      ...eventSamples['order.paid'](),
      orderId: ORDER_ID,
      listingId: LISTING_ID,
      amount: { amountMinor: 2500, currency: 'USD' },
      paidAt: '2025-06-27T08:00:00.000Z',
    });
    const body = JSON.stringify(paid);
    const id = `msg_${uuidv7()}`;
    const accepted = await deliver(body, { id });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ accepted: true, eventId: paid.id });
    const published = await h.kafka.waitForMessage(Topics.ORDER_EVENTS, (m) => JSON.parse(m.value).id === paid.id);
    expect(published.key).toBe(ORDER_ID);
    expect(JSON.parse(published.value)).toMatchObject({ type: 'order.paid', data: { orderId: ORDER_ID } });

    const before = await inboundCount();
    const replay = await deliver(body, { id });
    expect(replay.status).toBe(409);
    expect(replay.contentType).toContain('application/problem+json');
    expect(replay.body).toMatchObject({ code: 'WEBHOOK_REPLAYED', errors: [{ field: 'webhook-id' }] });
    expect(await inboundCount()).toBe(before);
  });

  it("accepts a signed order.refund_accepted (the buyer took a supply incident's refund) and publishes it on the orders topic", async () => {
    const orderId = 'ORD-INBOUND-REFUND';
    const data = { ...eventSamples['order.refund_accepted'](), orderId };
    const accepted = marketplaceEvent('order.refund_accepted', orderId, data);
    const response = await deliver(JSON.stringify(accepted));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: true, eventId: accepted.id });
    const published = await h.kafka.waitForMessage(Topics.ORDER_EVENTS, (m) => JSON.parse(m.value).id === accepted.id);
    expect(published.key).toBe(orderId);
    expect(JSON.parse(published.value)).toMatchObject({
      type: 'order.refund_accepted',
      data: { orderId, incidentId: data.incidentId },
    });
  });

  describe('refuses, with problem+json naming the header or rule, and changes nothing', () => {
    const shipped = () =>
      JSON.stringify(
        marketplaceEvent('order.shipped', 'ORD-REFUSED', {
          ...eventSamples['order.shipped'](),
          orderId: 'ORD-REFUSED',
        }),
      );
    const cases: [string, () => Promise<Awaited<ReturnType<typeof deliver>>>, number, string, string][] = [
      [
        'a signature made with another secret',
        () => deliver(shipped(), { secret: `whsec_${randomBytes(24).toString('base64')}` }),
        401,
        'WEBHOOK_SIGNATURE_INVALID',
        'webhook-signature',
      ],
      [
        'a body changed after signing',
        () => {
          const body = shipped();
          return deliver(body, { sentBody: body.replace('China Post', 'China Pust') });
        },
        401,
        'WEBHOOK_SIGNATURE_INVALID',
        'webhook-signature',
      ],
      [
        'a timestamp six minutes old',
        () => deliver(shipped(), { timestamp: new Date(Date.now() - 6 * 60_000) }),
        401,
        'WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
        'webhook-timestamp',
      ],
      [
        'a timestamp six minutes ahead',
        () => deliver(shipped(), { timestamp: new Date(Date.now() + 6 * 60_000) }),
        401,
        'WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
        'webhook-timestamp',
      ],
      ['no webhook-id', () => deliver(shipped(), { omit: 'webhook-id' }), 401, 'WEBHOOK_HEADER_MISSING', 'webhook-id'],
      [
        'no signature',
        () => deliver(shipped(), { omit: 'webhook-signature' }),
        401,
        'WEBHOOK_HEADER_MISSING',
        'webhook-signature',
      ],
      [
        'an event type the webhook does not carry',
        () =>
          deliver(JSON.stringify(marketplaceEvent('listing.audited', 'L-TASSEL-1', eventSamples['listing.audited']()))),
        422,
        'UNSUPPORTED_INBOUND_EVENT',
        'type',
      ],
      [
        'a payload that breaks the contract',
        () =>
          deliver(
            JSON.stringify({
              ...marketplaceEvent('order.shipped', 'ORD-REFUSED', {
                ...eventSamples['order.shipped'](),
                orderId: 'ORD-REFUSED',
              }),
              data: { orderId: 'ORD-REFUSED', carrier: 'China Post' },
            }),
          ),
        400,
        'VALIDATION_FAILED',
        'data.trackingNumber',
      ],
    ];

    // Signed, so only the body itself is wrong (the Standard Webhooks library's own JSON.parse made each a 500).
    cases.push(
      ['a signed body that is not JSON', () => deliver('<order shipped/>'), 400, 'VALIDATION_FAILED', ''],
      ['a signed body behind a byte order mark', () => deliver(`\ufeff${shipped()}`), 400, 'VALIDATION_FAILED', ''],
      [
        'a signed form-encoded body',
        () => deliver('type=order.shipped&orderId=ORD-REFUSED', { contentType: 'application/x-www-form-urlencoded' }),
        400,
        'VALIDATION_FAILED',
        '',
      ],
      [
        'a signed envelope nesting 5,000 levels in its payload',
        () => deliver(shipped().replace('"carrier":', `"deep":${'['.repeat(5000)}${']'.repeat(5000)},"carrier":`)),
        400,
        'VALIDATION_FAILED',
        ['data', 'deep', ...Array<string>(30).fill('0')].join('.'),
      ],
      [
        'a NUL in a signed payload',
        () => deliver(shipped().replace('China Post', 'China\\u0000Post')),
        400,
        'VALIDATION_FAILED',
        'data.carrier',
      ],
    );

    it.each(cases)('%s', async (_label, attempt, status, code, field) => {
      const before = await inboundCount();
      const response = await attempt();
      expect(response.status).toBe(status);
      expect(response.contentType).toContain('application/problem+json');
      expect((response.body as any).code).toBe(code);
      expect((response.body as any).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await inboundCount()).toBe(before);
    });

    it('published none of them', async () => {
      const orders = h.kafka.events(Topics.ORDER_EVENTS).filter((event) => event.subject === 'ORD-REFUSED');
      expect(orders).toEqual([]);
    });
  });

  it('opens a dispute from the projections: the order from order events, the listing and audit in force when paid', async () => {
    // Version 1 of the listing was in force when the order was paid; version 2 came after it.
    const v1 = marketplaceEvent('listing.upserted', LISTING_ID, {
      ...sampleListing(),
      listingId: LISTING_ID,
      sellerId: SELLER,
      title: 'Tassel pendant, lot of 10',
      updatedAt: '2025-06-01T00:00:00.000Z',
    });
    const v2 = marketplaceEvent('listing.upserted', LISTING_ID, {
      ...sampleListing(),
      listingId: LISTING_ID,
      sellerId: SELLER,
      title: 'Tassel pendant, 1 piece',
      saleUnit: { type: 'PIECE' },
      updatedAt: '2025-07-01T00:00:00.000Z',
    });
    for (const event of [v1, v2]) expect((await deliver(JSON.stringify(event))).status).toBe(202);
    // listing-audit announces its audits on the listings topic itself.
    const auditId = uuidv7();
    const audited = marketplaceEvent('listing.audited', LISTING_ID, {
      ...eventSamples['listing.audited'](),
      auditId,
      listingId: LISTING_ID,
      sellerId: SELLER,
      listingVersion: 1,
      auditedAt: '2025-06-01T00:00:05.000Z',
    });
    await h.kafka.produce(Topics.LISTING_EVENTS, [{ key: LISTING_ID, value: JSON.stringify(audited) }]);
    const shipped = marketplaceEvent('order.shipped', ORDER_ID, {
      orderId: ORDER_ID,
      carrier: 'China Post',
      trackingNumber: 'RR1CN',
      shippedAt: '2025-06-28T10:00:00.000Z',
    });
    expect((await deliver(JSON.stringify(shipped))).status).toBe(202);

    await eventually(
      async () => {
        const [order] = await h.dataSource.query(`SELECT shipped_at FROM orders WHERE order_id = $1`, [ORDER_ID]);
        const [audits] = await h.dataSource.query(`SELECT count(*)::int AS n FROM listing_audits WHERE audit_id = $1`, [
          auditId,
        ]);
        const [versions] = await h.dataSource.query(
          `SELECT count(*)::int AS n FROM listing_versions WHERE listing_id = $1`,
          [LISTING_ID],
        );
        return Boolean(order?.shipped_at) && audits.n === 1 && versions.n === 2;
      },
      { what: 'the projections' },
    );

    const response = await h.api(
      'POST',
      '/v1/disputes',
      h.keys.platform,
      {
        orderId: ORDER_ID,
        buyerId: 'B-42',
        sellerId: SELLER,
        listingId: LISTING_ID,
        reason: 'NOT_AS_DESCRIBED',
        subReason: 'QUANTITY_SHORT',
        requested: { type: 'REFUND_ONLY', refund: { amountMinor: 2500, currency: 'USD' } },
        description: 'One piece, not ten.',
        evidence: [{ kind: 'PHOTO', url: 'https://img.example.com/one.jpg' }],
        buyerLocale: 'fr-FR',
      },
      idempotencyKey(),
    );
    expect(response.status).toBe(201);
    expect(response.body.order).toMatchObject({
      amount: { amountMinor: 2500, currency: 'USD' },
      shippedAt: '2025-06-28T10:00:00.000Z',
      carrier: 'China Post',
      buyerCountry: 'FR',
      sellerCountry: 'CN',
    });
    expect(response.body.listingAtPurchase).toMatchObject({
      listingVersion: 1,
      listing: { title: 'Tassel pendant, lot of 10', saleUnit: { type: 'LOT', piecesPerLot: 10 } },
      audit: { auditId, verdict: 'WARN', findings: [expect.objectContaining({ ruleId: 'SALE_UNIT_PRICE_MISMATCH' })] },
    });
    // dispute.opened as published (the first history entry's data) keeps to the contract, listing included.
    expect(validatePayload('dispute.opened', response.body.history[0].data)).toMatchObject({ ok: true });
    // A refund above what the known order says was paid is refused.
    const above = await h.api(
      'POST',
      '/v1/disputes',
      h.keys.platform,
      {
        orderId: 'ORD-UNKNOWN-2',
        buyerId: 'B-42',
        sellerId: SELLER,
        listingId: LISTING_ID,
        reason: 'NOT_RECEIVED',
        subReason: 'NO_TRACKING_UPDATE',
        requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1, currency: 'USD' } },
        description: 'Never came.',
        buyerLocale: 'fr-FR',
      },
      idempotencyKey(),
    );
    expect(above.status).toBe(422);
    expect(above.body.code).toBe('ORDER_UNKNOWN');
  });
});
