import { createEnvelope, Topics, uuidv7 } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { eventually } from '@settle/testing';
import {
  commandEnvelope,
  idempotencyKey,
  OPENED_AT,
  openBody,
  OTHER_SELLER,
  SELLER,
  startIntake,
  type IntakeHarness,
} from '../testing/intake-harness';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(OPENED_AT) + days * DAY);
const BUYER = { role: 'BUYER', id: 'B-42' };
const SELLER_ACTOR = { role: 'SELLER', id: SELLER };
const SYSTEM = { role: 'SYSTEM', id: 'escalation-timer' };
const STAFF = { role: 'STAFF', id: 'STAFF-7' };

describe('dispute-intake: seller metrics from events equal the values computed by hand', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntake('intake_metrics', { watch: [Topics.DISPUTE_EVENTS] });
    h.setNow(OPENED_AT);
  });

  afterAll(async () => {
    await h.close();
  });

  async function open(seller = SELLER): Promise<{ id: string; version: number; buyerProposal: string }> {
    h.setNow(OPENED_AT);
    const response = await h.api(
      'POST',
      '/v1/disputes',
      h.keys.platform,
      openBody({ sellerId: seller }),
      idempotencyKey(),
    );
    expect(response.status).toBe(201);
    return { id: response.body.id, version: 1, buyerProposal: response.body.proposals.buyer.proposalId };
  }

  async function command(
    day: number,
    type: string,
    dispute: { id: string },
    actor: { role: string; id: string },
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    h.setNow(at(day));
    const { version } = (await h.api('GET', `/v1/disputes/${dispute.id}`, h.keys.staff)).body;
    const envelope = commandEnvelope(`dispute.command.${type}`, dispute.id, version, actor, extra);
    await h.kafka.produce(Topics.DISPUTE_COMMANDS, [{ key: dispute.id, value: JSON.stringify(envelope) }]);
    const caused = await eventually(
      () => h.kafka.events(Topics.DISPUTE_EVENTS).find((event) => event.causationid === envelope.id),
      { what: type },
    );
    expect(caused.type).not.toBe('dispute.command_rejected');
  }

  async function shipOrder(orderId: string, shippedAt: string): Promise<void> {
    const paid = createEnvelope({
      type: 'order.paid',
      source: 'marketplace',
      subject: orderId,
      data: { ...eventSamples['order.paid'](), orderId, sellerId: SELLER, paidAt: shippedAt },
    });
    const shipped = createEnvelope({
      type: 'order.shipped',
      source: 'marketplace',
      subject: orderId,
      data: { ...eventSamples['order.shipped'](), orderId, shippedAt },
    });
    await h.kafka.produce(
      Topics.ORDER_EVENTS,
      [paid, shipped].map((event) => ({ key: orderId, value: JSON.stringify(event) })),
    );
  }

  it('computes every metric over 30 and 90 days', async () => {
    // Shipped orders: 10 inside both windows, 2 more inside 90 days only (now = 2025-07-31T10:00Z).
    for (let n = 0; n < 10; n += 1) await shipOrder(`M-ORD-${n}`, '2025-07-05T10:00:00.000Z');
    for (let n = 10; n < 12; n += 1) await shipOrder(`M-ORD-${n}`, '2025-06-15T10:00:00.000Z');

    // D1: the seller accepts after 1 day (in time): resolved by agreement.
    const d1 = await open();
    await command(1, 'seller_accept', d1, SELLER_ACTOR);
    // D2: the seller counters after 2 days (in time), the buyer escalates on day 4, staff refund the buyer.
    const d2 = await open();
    await command(2, 'seller_reject', d2, SELLER_ACTOR, {
      proposal: { proposalId: uuidv7(), type: 'NO_REFUND' },
      message: 'The lot was complete.',
    });
    await command(4, 'escalate', d2, BUYER, { cause: 'BUYER_REQUEST' });
    await command(5, 'record_ruling', d2, STAFF, {
      ruling: {
        rulingId: uuidv7(),
        outcome: 'REFUND_BUYER',
        rationale: 'Photo shows six.',
        citations: [{ kind: 'EVIDENCE', ref: 'e1' }],
      },
    });
    // D3: the seller never answers: accepted automatically on day 5.
    const d3 = await open();
    await command(5, 'auto_accept', d3, SYSTEM, { deadlineId: uuidv7(), proposalId: d3.buyerProposal });
    // D4: the seller counters after 3 days, the intervention deadline escalates, staff rule for the seller.
    const d4 = await open();
    await command(3, 'seller_reject', d4, SELLER_ACTOR, {
      proposal: { proposalId: uuidv7(), type: 'RESEND' },
      message: 'I will resend.',
    });
    await command(7, 'escalate', d4, SYSTEM, { cause: 'INTERVENTION_DEADLINE', deadlineId: uuidv7() });
    await command(8, 'record_ruling', d4, STAFF, {
      ruling: {
        rulingId: uuidv7(),
        outcome: 'SELLER_FAVOUR',
        rationale: 'Tracking shows delivery of the full lot.',
        citations: [{ kind: 'TRACKING', ref: 'RR1' }],
      },
    });
    // Another seller's dispute counts for that seller only.
    await open(OTHER_SELLER);

    await eventually(
      async () => {
        const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE shipped_at IS NOT NULL`);
        return n === 12;
      },
      { what: 'the shipped orders' },
    );
    h.setNow(at(20));
    const month = await h.api('GET', `/v1/sellers/${SELLER}/metrics?window=30d`, h.keys.seller);
    expect(month.status).toBe(200);
    expect(month.body).toEqual({
      sellerId: SELLER,
      window: '30d',
      from: '2025-07-01T10:00:00.000Z',
      to: '2025-07-31T10:00:00.000Z',
      shippedOrders: 10,
      disputes: 4,
      disputeRate: 0.4,
      escalated: 2,
      escalationRate: 0.5,
      rulingsAgainstSeller: 1,
      sellerAtFaultRate: 0.25,
      closedWithoutSellerResolution: 2, // D2 (ruled for the buyer) and D3 (auto-accepted)
      closedWithoutSellerResolutionRate: 0.2,
      firstResponses: 3,
      medianFirstResponseSeconds: 2 * 86_400, // 1, 2 and 3 days
      responsesDue: 4,
      answeredWithinDeadline: 3,
      answeredWithinDeadlineShare: 0.75,
      incidentOrders: 0,
      disputesAvoidedByIncidents: 0,
    });
    const quarter = await h.api('GET', `/v1/sellers/${SELLER}/metrics?window=90d`, h.keys.staff);
    expect(quarter.body).toMatchObject({ shippedOrders: 12, disputes: 4, disputeRate: 4 / 12 });
    const other = await h.api('GET', `/v1/sellers/${OTHER_SELLER}/metrics`, h.keys.staff);
    expect(other.body).toMatchObject({ window: '30d', shippedOrders: 0, disputes: 1, disputeRate: null });
  });

  it('counts the disputes supply incidents avoided: orders an incident reached without a dispute, or whose earlier dispute was withdrawn after the offer', async () => {
    const seller = `S-INC-${uuidv7().slice(-6)}`;
    const incidentId = uuidv7();
    const orderIds = ['QUIET', 'WITHDRAWN', 'OPEN', 'LATE', 'ELSEWHERE'].map((name) => `INC-${seller}-${name}`);
    const [quiet, withdrawn, stillOpen, late, elsewhere] = orderIds as [string, string, string, string, string];
    const orderEvent = (type: 'order.paid' | 'order.refund_offered', orderId: string, data: Record<string, unknown>) =>
      createEnvelope({
        type,
        source: type === 'order.paid' ? 'marketplace' : 'negotiation',
        subject: orderId,
        data: { ...eventSamples[type](), orderId, sellerId: seller, ...data },
      });
    // Paid before the incident; negotiation offers the refund on day 1 to all but the order of another listing.
    const offered = orderEvent('order.refund_offered', quiet, { incidentId, offeredAt: at(1).toISOString() });
    await h.kafka.produce(Topics.ORDER_EVENTS, [
      ...orderIds.map((orderId) => ({
        key: orderId,
        value: JSON.stringify(orderEvent('order.paid', orderId, { paidAt: '2025-07-05T08:00:00.000Z' })),
      })),
      ...[quiet, withdrawn, stillOpen, late].map((orderId) => ({
        key: orderId,
        value: JSON.stringify(
          orderId === quiet
            ? offered
            : orderEvent('order.refund_offered', orderId, { incidentId, offeredAt: at(1).toISOString() }),
        ),
      })),
      // A redelivered offer changes nothing.
      { key: quiet, value: JSON.stringify(offered) },
    ]);
    const openOn = async (orderId: string, day: number) => {
      h.setNow(at(day));
      const response = await h.api(
        'POST',
        '/v1/disputes',
        h.keys.platform,
        openBody({ sellerId: seller, orderId }),
        idempotencyKey(),
      );
      expect(response.status).toBe(201);
      return { id: response.body.id as string };
    };
    // Disputes opened before the offer: one the buyer withdraws once offered the refund, one still open.
    const withdrawnDispute = await openOn(withdrawn, 0);
    await openOn(stillOpen, 0);
    await openOn(elsewhere, 0);
    await eventually(
      async () => {
        const [{ n }] = await h.dataSource.query(
          `SELECT count(*)::int AS n FROM orders WHERE seller_id = $1 AND incident_offered_at IS NOT NULL`,
          [seller],
        );
        return n === 4;
      },
      { what: 'the orders the incident reached' },
    );
    await command(2, 'cancel', withdrawnDispute, BUYER, { reason: 'Refunded by the seller.' });
    // A dispute opened after the offer was not avoided.
    await openOn(late, 3);

    h.setNow(at(20));
    const metrics = await h.api('GET', `/v1/sellers/${seller}/metrics?window=30d`, h.keys.staff);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatchObject({ disputes: 4, incidentOrders: 4, disputesAvoidedByIncidents: 2 });
  });

  it('shows a seller its own metrics only (404), refuses other roles (403) and a bad window (400)', async () => {
    const foreign = await h.api('GET', `/v1/sellers/${SELLER}/metrics`, h.keys.otherSeller);
    expect(foreign.status).toBe(404);
    expect(foreign.contentType).toContain('application/problem+json');
    expect((await h.api('GET', `/v1/sellers/${SELLER}/metrics`, h.keys.platform)).status).toBe(403);
    const bad = await h.api('GET', `/v1/sellers/${SELLER}/metrics?window=7d`, h.keys.seller);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'window' })]);
  });
});
