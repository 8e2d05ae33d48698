import { Topics, validatePayload, verifyDisputeExport } from '@settle/contracts';
import {
  idempotencyKey,
  OPENED_AT,
  openBody,
  OTHER_SELLER,
  SELLER,
  startIntake,
  type IntakeHarness,
} from '../testing/intake-harness';

/** Seller response in 2 business days of the seller's country: weekends and its public holidays do not count. */
const POLICY = { sellerResponse: 'P2BD' };

describe('dispute-intake: opening, reading, cancelling and exporting disputes', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_disputes', { policy: POLICY, watch: [Topics.DISPUTE_EVENTS] });
    h.setNow(OPENED_AT);
  });

  afterAll(async () => {
    await h.close();
  });

  async function open(body: Record<string, unknown> = openBody()) {
    const response = await h.api('POST', '/v1/disputes', h.keys.platform, body, idempotencyKey());
    expect(response.status).toBe(201);
    return response.body;
  }

  async function disputeCount(): Promise<number> {
    const [{ count } = { count: NaN }] = await h.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM disputes`,
    );
    return count;
  }

  it('opens a dispute: AWAITING_SELLER, version 1, its deadlines, history, and dispute.opened published once', async () => {
    const body = openBody();
    const dispute = await open(body);
    expect(dispute).toMatchObject({
      status: 'AWAITING_SELLER',
      version: 1,
      orderId: body.orderId,
      buyerId: 'B-42',
      sellerId: SELLER,
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'QUANTITY_SHORT',
      requested: { type: 'REFUND_ONLY', refund: { amountMinor: 999, currency: 'USD' } },
      resolution: null,
    });
    expect(dispute.evidence).toEqual([expect.objectContaining({ kind: 'PHOTO', evidenceId: expect.any(String) })]);
    expect(dispute.proposals.buyer).toMatchObject({ by: 'BUYER', type: 'REFUND_ONLY', round: 1 });
    expect(dispute.history.map((event: { type: string }) => event.type)).toEqual(['dispute.opened']);
    const kinds = dispute.deadlines.map((deadline: { kind: string }) => deadline.kind);
    expect(kinds).toEqual([
      'SELLER_RESPONSE',
      'PLATFORM_INTERVENTION',
      'BUYER_ESCALATION_OPENS',
      'BUYER_ESCALATION_CLOSES',
    ]);

    const published = await h.kafka.waitForMessage(Topics.DISPUTE_EVENTS, (m) => m.key === dispute.id);
    const envelope = JSON.parse(published.value);
    expect(envelope).toMatchObject({
      type: 'dispute.opened',
      subject: dispute.id,
      aggregateversion: 1,
      sellerid: SELLER,
    });
    expect(envelope.id).toBe(dispute.history[0].eventId);
    expect(validatePayload('dispute.opened', envelope.data)).toMatchObject({ ok: true });
    const fetched = await h.api('GET', `/v1/disputes/${dispute.id}`, h.keys.staff);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(dispute);
    expect(h.kafka.events(Topics.DISPUTE_EVENTS).filter((event) => event.subject === dispute.id)).toHaveLength(1);
  });

  it('counts the seller deadline in business days of the seller’s country: a weekend and a French holiday skipped', async () => {
    // Opened Friday 2025-07-11 10:00 UTC. Monday 14 July is a public holiday in France, not in the United States.
    const french = await open(openBody({}, { sellerCountry: 'FR' }));
    const american = await open(openBody({}, { sellerCountry: 'US' }));
    const due = (dispute: { deadlines: { kind: string; dueAt: string }[] }) =>
      dispute.deadlines.find((deadline) => deadline.kind === 'SELLER_RESPONSE')?.dueAt;
    expect(due(american)).toBe('2025-07-15T10:00:00.000Z'); // Monday, Tuesday
    expect(due(french)).toBe('2025-07-16T10:00:00.000Z'); // Tuesday, Wednesday
    // Calendar days for the intervention deadline (P7D).
    expect(french.deadlines.find((d: { kind: string }) => d.kind === 'PLATFORM_INTERVENTION').dueAt).toBe(
      '2025-07-18T10:00:00.000Z',
    );
  });

  it('opens disputes in JPY, USD and KWD up to exactly what was paid', async () => {
    for (const [currency, paid] of [
      ['JPY', 1500],
      ['USD', 1999],
      ['KWD', 1250],
    ] as const) {
      const dispute = await open(
        openBody(
          { requested: { type: 'RETURN_AND_REFUND', refund: { amountMinor: paid, currency } } },
          { amount: { amountMinor: paid, currency } },
        ),
      );
      expect(dispute.requested.refund).toEqual({ amountMinor: paid, currency });
    }
  });

  it('Idempotency-Key: the same key and body return the first response; another body under it is 422', async () => {
    const body = openBody();
    const headers = idempotencyKey();
    const first = await h.api('POST', '/v1/disputes', h.keys.platform, body, headers);
    const again = await h.api('POST', '/v1/disputes', h.keys.platform, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await h.api('POST', '/v1/disputes', h.keys.platform, { ...body, description: 'Other.' }, headers);
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await h.api('GET', `/v1/disputes?orderId=${body.orderId}`, h.keys.platform);
    expect(list.body.items).toHaveLength(1);
  });

  it('Idempotency-Key: concurrent requests under one key open one dispute, each answered with it', async () => {
    const body = openBody();
    const headers = idempotencyKey();
    const responses = await Promise.all(
      [1, 2, 3].map(() => h.api('POST', '/v1/disputes', h.keys.platform, body, headers)),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    const list = await h.api('GET', `/v1/disputes?orderId=${body.orderId}`, h.keys.platform);
    expect(list.body.items).toHaveLength(1);
  });

  it('keeps one open dispute per order (409), and allows a new one once it is cancelled', async () => {
    const body = openBody();
    const first = await open(body);
    const second = await h.api('POST', '/v1/disputes', h.keys.platform, body, idempotencyKey());
    expect(second.status).toBe(409);
    expect(second.contentType).toContain('application/problem+json');
    expect(second.body).toMatchObject({ code: 'DISPUTE_ALREADY_OPEN', errors: [{ field: 'orderId' }] });

    const cancelled = await h.api('POST', `/v1/disputes/${first.id}/cancel`, h.keys.platform, { reason: 'Arrived.' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', version: 2, deadlines: [] });
    expect(cancelled.body.history.map((event: { type: string }) => event.type)).toEqual([
      'dispute.opened',
      'dispute.cancelled',
    ]);
    const again = await h.api('POST', `/v1/disputes/${first.id}/cancel`, h.keys.platform, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TERMINAL_STATE');
    await open(body);
  });

  it('refuses a stale cancel (409 STALE_VERSION) and changes nothing', async () => {
    const dispute = await open();
    const stale = await h.api('POST', `/v1/disputes/${dispute.id}/cancel`, h.keys.platform, { expectedVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await h.api('GET', `/v1/disputes/${dispute.id}`, h.keys.platform)).body.version).toBe(1);
  });

  it('isolates sellers: another seller gets 404 on the dispute and its export, and never lists it', async () => {
    const dispute = await open();
    expect((await h.api('GET', `/v1/disputes/${dispute.id}`, h.keys.seller)).status).toBe(200);
    const other = await h.api('GET', `/v1/disputes/${dispute.id}`, h.keys.otherSeller);
    expect(other.status).toBe(404);
    expect(other.contentType).toContain('application/problem+json');
    expect((await h.api('GET', `/v1/disputes/${dispute.id}/export`, h.keys.otherSeller)).status).toBe(404);
    const listed = await h.api('GET', `/v1/disputes?sellerId=${SELLER}`, h.keys.otherSeller);
    expect(listed.body.items).toEqual([]);
    const own = await h.api('GET', '/v1/disputes', h.keys.otherSeller);
    expect(own.body.items.every((item: { sellerId: string }) => item.sellerId === OTHER_SELLER)).toBe(true);
    expect((await h.api('GET', '/v1/disputes/not-a-uuid', h.keys.staff)).status).toBe(404);
    // Roles: a seller cannot open or cancel; no key is 401.
    expect((await h.api('POST', '/v1/disputes', h.keys.seller, openBody(), idempotencyKey())).status).toBe(403);
    expect((await h.api('POST', `/v1/disputes/${dispute.id}/cancel`, h.keys.seller, {})).status).toBe(403);
    expect((await h.api('GET', `/v1/disputes/${dispute.id}`, null)).status).toBe(401);
  });

  it('lists with filters and cursor pages, newest first', async () => {
    const opened = [await open(), await open(), await open()];
    const first = await h.api('GET', `/v1/disputes?sellerId=${SELLER}&status=AWAITING_SELLER&limit=2`, h.keys.staff);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].id).toBe(opened[2].id);
    expect(first.body.items[1].id).toBe(opened[1].id);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await h.api(
      'GET',
      `/v1/disputes?sellerId=${SELLER}&limit=2&cursor=${first.body.nextCursor}`,
      h.keys.staff,
    );
    expect(second.body.items[0].id).toBe(opened[0].id);
    const byOrder = await h.api('GET', `/v1/disputes?orderId=${opened[1].orderId}`, h.keys.seller);
    expect(byOrder.body).toEqual({ items: [expect.objectContaining({ id: opened[1].id })], nextCursor: null });
    const badCursor = await h.api('GET', '/v1/disputes?cursor=zzz', h.keys.staff);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('exports a bundle that verifies offline, and fails to verify after any byte of an event is changed', async () => {
    const dispute = await open();
    await h.api('POST', `/v1/disputes/${dispute.id}/cancel`, h.keys.platform, { reason: 'Withdrawn.' });
    const exported = await h.api('GET', `/v1/disputes/${dispute.id}/export`, h.keys.seller);
    expect(exported.status).toBe(200);
    expect(exported.body.events.map((event: { type: string }) => event.type)).toEqual([
      'dispute.opened',
      'dispute.cancelled',
    ]);
    const text = JSON.stringify(exported.body);
    expect(verifyDisputeExport(text)).toMatchObject({ ok: true, disputeId: dispute.id, events: 2 });

    const start = text.indexOf('"events":[') + '"events":['.length;
    const end = text.indexOf('],"headHash"');
    let verifiedAfterChange = 0;
    for (let index = start; index < end; index += 1) {
      const replacement = text[index] === 'a' ? 'b' : 'a';
      const tampered = text.slice(0, index) + replacement + text.slice(index + 1);
      if (verifyDisputeExport(tampered).ok) verifiedAfterChange += 1;
    }
    expect(end - start).toBeGreaterThan(500);
    expect(verifiedAfterChange).toBe(0);
    // Dropping the last event is caught by the head hash.
    const truncated = { ...exported.body, events: exported.body.events.slice(0, 1) };
    expect(verifyDisputeExport(truncated).ok).toBe(false);
  });

  describe('refuses every bad input with problem+json naming the field or rule, and changes nothing', () => {
    const cases: [string, () => Record<string, unknown>, number, string, string | undefined][] = [
      ['an unknown field', () => ({ ...openBody(), colour: 'red' }), 400, 'VALIDATION_FAILED', 'colour'],
      ['a missing buyerId', () => ({ ...openBody(), buyerId: undefined }), 400, 'VALIDATION_FAILED', 'buyerId'],
      ['an unknown reason', () => openBody({ reason: 'LATE' }), 400, 'VALIDATION_FAILED', 'reason'],
      [
        'a sub-reason of another reason',
        () => openBody({ subReason: 'CUSTOMS_HELD' }),
        422,
        'INVALID_SUB_REASON',
        'subReason',
      ],
      ['NOT_AS_DESCRIBED without evidence', () => openBody({ evidence: [] }), 422, 'EVIDENCE_REQUIRED', 'evidence'],
      [
        'NOT_AS_DESCRIBED with tracking evidence only',
        () => openBody({ evidence: [{ kind: 'TRACKING', url: 'https://track.example.com/RR1' }] }),
        422,
        'EVIDENCE_REQUIRED',
        'evidence',
      ],
      [
        'an unknown evidence kind',
        () => openBody({ evidence: [{ kind: 'AUDIO', url: 'https://a.example.com/x' }] }),
        400,
        'VALIDATION_FAILED',
        'evidence.0.kind',
      ],
      [
        'a non-http evidence URL',
        () => openBody({ evidence: [{ kind: 'PHOTO', url: 'ftp://a.example.com/x' }] }),
        400,
        'VALIDATION_FAILED',
        'evidence.0.url',
      ],
      [
        'a refund above what was paid (USD)',
        () => openBody({ requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1000, currency: 'USD' } } }),
        422,
        'REFUND_ABOVE_PAID',
        'requested.refund.amountMinor',
      ],
      [
        'a refund above what was paid (JPY, exponent 0)',
        () =>
          openBody(
            { requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1501, currency: 'JPY' } } },
            { amount: { amountMinor: 1500, currency: 'JPY' } },
          ),
        422,
        'REFUND_ABOVE_PAID',
        'requested.refund.amountMinor',
      ],
      [
        'a refund above what was paid (KWD, exponent 3)',
        () =>
          openBody(
            { requested: { type: 'REFUND_ONLY', refund: { amountMinor: 1251, currency: 'KWD' } } },
            { amount: { amountMinor: 1250, currency: 'KWD' } },
          ),
        422,
        'REFUND_ABOVE_PAID',
        'requested.refund.amountMinor',
      ],
      [
        'a refund in another currency than the order',
        () => openBody({ requested: { type: 'REFUND_ONLY', refund: { amountMinor: 500, currency: 'EUR' } } }),
        422,
        'CURRENCY_MISMATCH',
        'requested.refund.currency',
      ],
      [
        'a refund as a float',
        () => openBody({ requested: { type: 'REFUND_ONLY', refund: { amountMinor: 9.99, currency: 'USD' } } }),
        400,
        'VALIDATION_FAILED',
        'requested.refund.amountMinor',
      ],
      [
        'an unknown currency',
        () => openBody({ requested: { type: 'REFUND_ONLY', refund: { amountMinor: 5, currency: 'XYZ' } } }),
        400,
        'VALIDATION_FAILED',
        'requested.refund.currency',
      ],
      [
        'a requested RESEND',
        () => openBody({ requested: { type: 'RESEND', refund: { amountMinor: 5, currency: 'USD' } } }),
        400,
        'VALIDATION_FAILED',
        'requested.type',
      ],
      [
        'before the opening window',
        () => openBody({}, { shippedAt: '2025-07-05T10:00:00.000Z' }),
        422,
        'DISPUTE_WINDOW_NOT_OPEN',
        'order.shippedAt',
      ],
      [
        'after the protection window',
        () => openBody({}, { shippedAt: '2025-05-01T10:00:00.000Z', paidAt: '2025-04-30T10:00:00.000Z' }),
        422,
        'DISPUTE_WINDOW_CLOSED',
        'order.shippedAt',
      ],
      [
        'an order not known and no snapshot',
        () => ({ ...openBody(), order: undefined }),
        422,
        'ORDER_UNKNOWN',
        'order',
      ],
      ['a bad country', () => openBody({}, { buyerCountry: 'XX' }), 400, 'VALIDATION_FAILED', 'order.buyerCountry'],
    ];

    it.each(cases)('%s', async (_label, build, status, code, field) => {
      const before = await disputeCount();
      const response = await h.api('POST', '/v1/disputes', h.keys.platform, build(), idempotencyKey());
      expect(response.status).toBe(status);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
      if (field) expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await disputeCount()).toBe(before);
    });

    it('a missing Idempotency-Key', async () => {
      const before = await disputeCount();
      const response = await h.api('POST', '/v1/disputes', h.keys.platform, openBody());
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      expect(await disputeCount()).toBe(before);
    });
  });
});
