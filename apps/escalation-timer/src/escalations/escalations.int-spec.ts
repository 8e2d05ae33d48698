import { CommandType, createEnvelope, EventType, Topics, uuidv7 } from '@settle/contracts';
import { eventSamples, sampleListing } from '@settle/contracts/testing';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { at, commandsOf, disputeEvent, disputeOpened, publish, writePolicyFile } from '../../test/timer-harness';
import { AppModule } from '../app.module';
import { EscalationTimerService } from '../service';

describe('escalation-timer staff workflow (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  const staff: Record<'a' | 'b' | 'lead', { key: string; id: string }> = {} as never;
  let sellerKey: string;
  let otherSellerKey: string;

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_staff', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS]);
    service = await startService(AppModule, EscalationTimerService);
    for (const [name, role] of [
      ['a', 'staff'],
      ['b', 'staff'],
      ['lead', 'lead'],
    ] as const) {
      const created = await service.keys.create({ role });
      staff[name] = { key: created.key, id: created.staffId! };
    }
    sellerKey = await service.createKey('seller', 'S-1');
    otherSellerKey = await service.createKey('seller', 'S-2');
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.close();
    await environment?.cleanup();
  });

  const call = (method: string, path: string, key: string, body?: unknown) => service.call(method, path, key, body);
  const json = async (response: Response) => (await response.json()) as any;

  /** A NOT_AS_DESCRIBED dispute whose listing audit had flagged the material, escalated with its SLA due in `slaIn` s. */
  async function escalatedCase(slaIn: number) {
    const listing = sampleListing();
    const opened = disputeOpened({
      reason: 'NOT_AS_DESCRIBED',
      subReason: 'DIFFERENT_FROM_LISTING',
      description: 'The material is polyester, not silk.',
      deadlines: [],
      listingAtPurchase: {
        listing,
        listingVersion: 3,
        audit: {
          auditId: uuidv7(),
          verdict: 'WARN',
          score: 70,
          findings: [
            {
              ruleId: 'ATTRIBUTE_TITLE_MISMATCH',
              severity: 'WARN',
              field: 'attributes.material',
              message: 'Title and material disagree.',
              fix: 'Correct the material.',
            },
          ],
          auditedAt: '2025-02-20T12:00:01Z',
        },
      },
    });
    const disputeId = opened.subject;
    await publish(kafka, opened);
    await publish(
      kafka,
      createEnvelope({
        type: EventType.MESSAGE_POSTED,
        source: 'negotiation',
        subject: disputeId,
        data: { ...eventSamples[EventType.MESSAGE_POSTED](), messageId: uuidv7(), disputeId },
      }),
    );
    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_ESCALATED, disputeId, 2, {
        previousStatus: 'AWAITING_SELLER',
        cause: 'BUYER_REQUEST',
        deadlineId: undefined,
        deadlines: [{ kind: 'STAFF_RULING_SLA', dueAt: at(Date.now(), slaIn) }],
      }),
    );
    const escalation = await eventually(async () => {
      const { items } = await json(await call('GET', '/v1/escalations?limit=200', staff.a.key));
      return items.find((item: any) => item.disputeId === disputeId);
    });
    return { disputeId, escalation, orderAmount: (opened.data as any).order.amount };
  }

  it('two staff claiming the same case: one wins, the other gets 409; a ruling by someone else is 403; the claimant rules', async () => {
    const { disputeId, escalation, orderAmount } = await escalatedCase(300);
    const claims = await Promise.all([
      call('POST', `/v1/escalations/${escalation.id}/claim`, staff.a.key, {}),
      call('POST', `/v1/escalations/${escalation.id}/claim`, staff.b.key, {}),
    ]);
    expect(claims.map((response) => response.status).sort()).toEqual([200, 409]);
    const winner = claims[0].status === 200 ? staff.a : staff.b;
    const loser = winner === staff.a ? staff.b : staff.a;
    const conflict = await json(claims.find((response) => response.status === 409)!);
    expect(conflict).toMatchObject({ type: '/problems/already-claimed', claimedBy: winner.id });

    const ruling = {
      outcome: 'REFUND_BUYER',
      rationale: 'The audit had flagged the material the buyer complains of.',
      citations: [{ kind: 'AUDIT_FINDING', ref: 'ATTRIBUTE_TITLE_MISMATCH' }],
    };
    expect((await call('POST', `/v1/escalations/${escalation.id}/ruling`, loser.key, ruling)).status).toBe(403);
    const tooMuch = await call('POST', `/v1/escalations/${escalation.id}/ruling`, winner.key, {
      ...ruling,
      outcome: 'PARTIAL_REFUND',
      refund: { amountMinor: orderAmount.amountMinor + 1, currency: orderAmount.currency },
    });
    expect(tooMuch.status).toBe(422);
    expect((await json(tooMuch)).type).toBe('/problems/refund-above-paid');
    const missing = await json(
      await call('POST', `/v1/escalations/${escalation.id}/ruling`, winner.key, {
        ...ruling,
        outcome: 'PARTIAL_REFUND',
      }),
    );
    expect(missing).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'refund' })] });
    const noCitation = await json(
      await call('POST', `/v1/escalations/${escalation.id}/ruling`, winner.key, { ...ruling, citations: [] }),
    );
    expect(noCitation.status).toBe(400);
    expect(commandsOf(kafka, disputeId)).toEqual([]);

    const accepted = await call('POST', `/v1/escalations/${escalation.id}/ruling`, winner.key, ruling);
    expect(accepted.status).toBe(202);
    const sent = await eventually(() => commandsOf(kafka, disputeId, CommandType.RECORD_RULING)[0]);
    expect(sent.data).toMatchObject({
      escalationId: escalation.id,
      expectedVersion: 2,
      actor: { role: 'STAFF', id: winner.id },
      ruling: { outcome: 'REFUND_BUYER', citations: ruling.citations },
    });
    expect((await call('POST', `/v1/escalations/${escalation.id}/ruling`, winner.key, ruling)).status).toBe(409);

    // The owner rules: the case is RULED and counts in the service levels.
    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_RULED, disputeId, 3, {
        ruling: { ...sent.data.ruling, ruledBy: winner.id, ruledAt: new Date().toISOString() },
        escalationId: escalation.id,
        deadlines: [],
      }),
    );
    const ruled = await eventually(async () => {
      const view = await json(await call('GET', `/v1/escalations/${escalation.id}`, staff.lead.key));
      return view.escalation.status === 'RULED' ? view : undefined;
    });
    expect(ruled.escalation.ruledBy).toBe(winner.id);
    const metrics = await json(await call('GET', '/v1/escalations/metrics?window=30d', staff.lead.key));
    expect(metrics.overall.ruled).toBeGreaterThanOrEqual(1);
    expect(metrics.perStaff).toContainEqual(expect.objectContaining({ staffId: winner.id, ruled: 1 }));
    expect((await call('GET', '/v1/escalations/metrics?window=soon', staff.lead.key)).status).toBe(400);
  });

  it('a lead reassigns a claimed case; the previous claimant may then no longer rule', async () => {
    const { escalation } = await escalatedCase(300);
    expect((await call('POST', `/v1/escalations/${escalation.id}/claim`, staff.a.key, {})).status).toBe(200);
    expect(
      (await call('POST', `/v1/escalations/${escalation.id}/claim`, staff.a.key, { assignTo: staff.b.id })).status,
    ).toBe(403);
    const reassigned = await call('POST', `/v1/escalations/${escalation.id}/claim`, staff.lead.key, {
      assignTo: staff.b.id,
    });
    expect(reassigned.status).toBe(200);
    expect(await json(reassigned)).toMatchObject({ status: 'CLAIMED', claimedBy: staff.b.id });
    const ruling = { outcome: 'SELLER_FAVOUR', rationale: 'x', citations: [{ kind: 'POLICY_RULE', ref: 'R' }] };
    expect((await call('POST', `/v1/escalations/${escalation.id}/ruling`, staff.a.key, ruling)).status).toBe(403);
    const view = await json(await call('GET', `/v1/escalations/${escalation.id}`, staff.a.key));
    expect(view.history.map((entry: any) => entry.action)).toEqual(['ESCALATED', 'CLAIMED', 'REASSIGNED']);
  });

  it('the case on one page: dispute, messages, listing audit at order time, seller metrics, predicted ruling with citations', async () => {
    const { disputeId, escalation } = await escalatedCase(300);
    const view = await eventually(async () => {
      const body = await json(await call('GET', `/v1/escalations/${escalation.id}`, staff.b.key));
      return body.messages.length === 1 ? body : undefined;
    });
    expect(view.dispute).toMatchObject({ id: disputeId, reason: 'NOT_AS_DESCRIBED', status: 'ESCALATED' });
    expect(view.listingAtPurchase.audit.findings[0].field).toBe('attributes.material');
    expect(view.sellerMetrics).toMatchObject({
      sellerId: 'S-1',
      disputes: expect.any(Number),
      escalationRate: expect.any(Number),
    });
    expect(view.predictedRuling).toMatchObject({ outcome: 'RETURN_AND_REFUND' });
    expect(view.predictedRuling.citations).toContainEqual(
      expect.objectContaining({ kind: 'AUDIT_FINDING', ref: 'ATTRIBUTE_TITLE_MISMATCH' }),
    );
    // The owning seller sees the prediction on its dispute (handling step 5); another seller does not.
    const forSeller = await call('GET', `/v1/disputes/${disputeId}/predicted-ruling`, sellerKey);
    expect(forSeller.status).toBe(200);
    expect((await json(forSeller)).facts[0].code).toBe('AUDIT_FLAGGED_ATTRIBUTE');
    expect((await call('GET', `/v1/disputes/${disputeId}/predicted-ruling`, otherSellerKey)).status).toBe(404);
    expect((await call('GET', `/v1/escalations/${escalation.id}`, sellerKey)).status).toBe(403);
    expect((await call('GET', `/v1/escalations/not-an-id`, staff.a.key)).status).toBe(404);
  });

  it('the queue is ordered by due time and filters status and overdue', async () => {
    const later = await escalatedCase(900);
    const sooner = await escalatedCase(600);
    const overdue = await escalatedCase(0);
    const { items } = await json(await call('GET', '/v1/escalations?status=OPEN&limit=200', staff.a.key));
    const order = items.map((item: any) => item.id);
    expect(order.indexOf(overdue.escalation.id)).toBeLessThan(order.indexOf(sooner.escalation.id));
    expect(order.indexOf(sooner.escalation.id)).toBeLessThan(order.indexOf(later.escalation.id));
    expect(items.every((item: any) => item.status === 'OPEN')).toBe(true);
    const late = await json(await call('GET', '/v1/escalations?overdue=true', staff.lead.key));
    expect(late.items.map((item: any) => item.id)).toContain(overdue.escalation.id);
    expect(late.items.map((item: any) => item.id)).not.toContain(later.escalation.id);
    expect(late.items.every((item: any) => item.overdue)).toBe(true);
    const page = await json(await call('GET', '/v1/escalations?limit=1', staff.a.key));
    expect(page.items).toHaveLength(1);
    const next = await json(await call('GET', `/v1/escalations?limit=1&cursor=${page.nextCursor}`, staff.a.key));
    expect(next.items[0].id).not.toBe(page.items[0].id);
    expect((await call('GET', '/v1/escalations?status=LOST', staff.a.key)).status).toBe(400);
  });

  it('extending the staff ruling SLA moves the case in the queue: due at the new time, not overdue', async () => {
    const { disputeId, escalation } = await escalatedCase(600);
    const until = new Date(Date.parse(escalation.dueAt) + 3_600_000).toISOString();
    const extended = await call('POST', `/v1/disputes/${disputeId}/deadlines/STAFF_RULING_SLA/extend`, staff.a.key, {
      until,
      reasonCode: 'PLATFORM_OUTAGE',
    });
    expect(extended.status).toBe(200);
    const { items } = await json(await call('GET', '/v1/escalations?status=OPEN&limit=200', staff.a.key));
    expect(items.find((item: any) => item.id === escalation.id)).toMatchObject({ dueAt: until, overdue: false });
  });

  it('each queue row carries its dispute at a glance: order, reason and sub-reason, paid, asked, buyer country', async () => {
    const { escalation, orderAmount } = await escalatedCase(900);
    const { items } = await json(await call('GET', '/v1/escalations?status=OPEN&limit=200', staff.a.key));
    const row = items.find((item: any) => item.id === escalation.id);
    expect(row.summary).toEqual({
      orderId: expect.any(String),
      reason: expect.any(String),
      subReason: expect.any(String),
      paid: orderAmount,
      requested: {
        type: expect.any(String),
        refund: { amountMinor: expect.any(Number), currency: orderAmount.currency },
      },
      buyerCountry: expect.stringMatching(/^[A-Z]{2}$/),
    });
  });
});
