import { CommandType, createEnvelope, EventType, Topics, uuidv7 } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import {
  eventually,
  expectProblem,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { at, commandsOf, deadlineEventsOf, disputeOpened, publish, writePolicyFile } from '../../test/timer-harness';
import { AppModule } from '../app.module';
import { EscalationTimerService } from '../service';

describe('escalation-timer HTTP: deadlines, adjustments and the buyer escalation (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let keys: { platform: string; seller: string; otherSeller: string; staff: string };

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_http', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS, Topics.DEADLINE_EVENTS]);
    service = await startService(AppModule, EscalationTimerService);
    keys = {
      platform: await service.createKey('platform'),
      seller: await service.createKey('seller', 'S-1'),
      otherSeller: await service.createKey('seller', 'S-2'),
      staff: await service.createKey('staff'),
    };
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.close();
    await environment?.cleanup();
  });

  const call = (method: string, path: string, key: string, body?: unknown) => service.call(method, path, key, body);

  async function problem(response: Response, status: number, type?: string) {
    const body = await expectProblem(response, status);
    if (type) expect(body.type).toBe(type);
    return body as any;
  }

  async function opened(options: Parameters<typeof disputeOpened>[0]) {
    const envelope = disputeOpened(options);
    await publish(kafka, envelope);
    await eventually(
      async () => (await call('GET', `/v1/disputes/${envelope.subject}/deadlines`, keys.staff)).status === 200,
      {
        what: 'the dispute to be known',
      },
    );
    return envelope;
  }

  it('an action on a dispute just opened, before this projection has it, waits for it: never 404 for a dispute that exists', async () => {
    // dispute-intake answered 201; its dispute.opened reaches the timer only while the requests are in flight.
    const envelope = disputeOpened({ openedAt: Date.now() - 3_500, deadlines: [], sellerId: 'S-1' });
    const id = envelope.subject;
    const deadlines = call('GET', `/v1/disputes/${id}/deadlines`, keys.seller);
    const prediction = call('GET', `/v1/disputes/${id}/predicted-ruling`, keys.seller);
    const escalate = call('POST', `/v1/disputes/${id}/escalate`, keys.platform, {});
    const other = call('GET', `/v1/disputes/${id}/predicted-ruling`, keys.otherSeller);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the projection deliberately behind
    await publish(kafka, envelope);
    expect((await deadlines).status).toBe(200);
    expect((await prediction).status).toBe(200);
    expect((await escalate).status).toBe(202);
    await problem(await other, 404);
  });

  it('a dispute id minted moments ago that the projection still lacks answers 503 with Retry-After, an old unknown one 404', async () => {
    const behind = await call('POST', `/v1/disputes/${uuidv7()}/escalate`, keys.platform, {});
    expect(behind.headers.get('retry-after')).toBe('1');
    expect((await problem(behind, 503)).type).toBe('/problems/projection-behind');
    const old = uuidv7(Date.now() - 10 * 60_000);
    await problem(await call('GET', `/v1/disputes/${old}/deadlines`, keys.staff), 404);
  });

  it('refuses an escalation before the window opens and after it closes, escalates inside it, and refuses NOT_RECEIVED in transit', async () => {
    const now = Date.now();
    const tooEarly = await opened({ openedAt: now - 1_000, deadlines: [] });
    const inside = await opened({ openedAt: now - 3_500, deadlines: [] });
    const closed = await opened({ openedAt: now - 61_000, deadlines: [] });
    const inTransit = await opened({
      openedAt: now - 5_000,
      deadlines: [],
      reason: 'NOT_RECEIVED',
      subReason: 'IN_TRANSIT_OVERDUE',
      order: {
        shippedAt: new Date(now - 86_400_000).toISOString(),
        promisedDeliveryDays: 20,
        trackingStatus: 'IN_TRANSIT',
      },
    });

    const early = await problem(
      await call('POST', `/v1/disputes/${tooEarly.subject}/escalate`, keys.platform, {}),
      422,
      '/problems/escalation-too-early',
    );
    expect(early.detail).toMatch(/may escalate from/);
    await problem(
      await call('POST', `/v1/disputes/${closed.subject}/escalate`, keys.platform, {}),
      422,
      '/problems/escalation-window-closed',
    );
    await problem(
      await call('POST', `/v1/disputes/${inTransit.subject}/escalate`, keys.platform, {}),
      422,
      '/problems/not-received-in-transit',
    );
    await problem(await call('POST', `/v1/disputes/${inside.subject}/escalate`, keys.seller, {}), 403);
    await problem(
      await call('POST', `/v1/disputes/01958a1e-6c00-7a10-8000-00000000abcd/escalate`, keys.platform, {}),
      404,
    );
    await problem(await call('POST', `/v1/disputes/${inside.subject}/escalate`, keys.platform, { reason: 'x' }), 400);

    const accepted = await call('POST', `/v1/disputes/${inside.subject}/escalate`, keys.platform, {
      note: 'No answer.',
    });
    expect(accepted.status).toBe(202);
    const { commandId } = (await accepted.json()) as any;
    const sent = await eventually(() => commandsOf(kafka, inside.subject, CommandType.ESCALATE)[0]);
    expect(sent.data).toMatchObject({
      commandId,
      cause: 'BUYER_REQUEST',
      actor: { role: 'BUYER' },
      expectedVersion: 1,
      note: 'No answer.',
    });
    // The refused ones sent nothing.
    for (const refused of [tooEarly, closed, inTransit]) expect(commandsOf(kafka, refused.subject)).toEqual([]);
  });

  it('a pause moves the deadline by exactly the paused time; an extension with its reason shows in GET and reaches both parties', async () => {
    const now = Date.now();
    const dispute = await opened({
      openedAt: now,
      deadlines: [
        { kind: 'SELLER_RESPONSE', dueAt: at(now, 60) },
        { kind: 'PLATFORM_INTERVENTION', dueAt: at(now, 120) },
      ],
    });
    const path = `/v1/disputes/${dispute.subject}/deadlines`;
    const paused = await call('POST', `${path}/SELLER_RESPONSE/pause`, keys.staff, {
      reasonCode: 'CARRIER_EXCEPTION',
      note: 'Carrier lost scans.',
    });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: 'PAUSED', dueAt: null, remainingMs: expect.any(Number) });
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/pause`, keys.staff, { reasonCode: 'CARRIER_EXCEPTION' }),
      409,
      '/problems/deadline-paused',
    );
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/extend`, keys.staff, { by: 'P1D', reasonCode: 'CARRIER_EXCEPTION' }),
      409,
    );

    const resumed = (await (
      await call('POST', `${path}/SELLER_RESPONSE/resume`, keys.staff, { reasonCode: 'CARRIER_EXCEPTION' })
    ).json()) as any;
    const [pauseRecord, resumeRecord] = resumed.adjustments;
    expect(Date.parse(resumed.dueAt) - Date.parse(at(now, 60))).toBe(
      Date.parse(resumeRecord.at) - Date.parse(pauseRecord.at),
    );
    expect(pauseRecord).toMatchObject({
      action: 'PAUSE',
      reasonCode: 'CARRIER_EXCEPTION',
      note: 'Carrier lost scans.',
    });

    const extended = await call('POST', `${path}/PLATFORM_INTERVENTION/extend`, keys.staff, {
      by: 'PT1H',
      reasonCode: 'PLATFORM_OUTAGE',
      note: 'Seller API down for an hour.',
    });
    expect(extended.status).toBe(200);
    // Both parties read it: the platform (for the buyer) and the owning seller; another seller gets 404.
    for (const key of [keys.platform, keys.seller]) {
      const { items } = (await (await call('GET', path, key)).json()) as any;
      const intervention = items.find((item: any) => item.kind === 'PLATFORM_INTERVENTION');
      expect(intervention).toMatchObject({
        status: 'PENDING',
        dueAt: new Date(Date.parse(at(now, 120)) + 3_600_000).toISOString(),
        adjustments: [
          expect.objectContaining({ action: 'EXTEND', reasonCode: 'PLATFORM_OUTAGE', previousDueAt: at(now, 120) }),
        ],
      });
    }
    await problem(await call('GET', path, keys.otherSeller), 404);

    // The owner is asked to record each change (dispute.deadline_adjusted reaches both parties), and the new due
    // times are announced on the deadline topic.
    const recorded = await eventually(() => {
      const commands = commandsOf(kafka, dispute.subject, CommandType.RECORD_DEADLINE_ADJUSTMENT);
      return commands.length === 3 ? commands : undefined;
    });
    expect(recorded.map((command) => command.data.adjustment.action)).toEqual(['PAUSE', 'RESUME', 'EXTEND']);
    expect(recorded[2]?.data).toMatchObject({
      actor: { role: 'STAFF' },
      adjustment: { reasonCode: 'PLATFORM_OUTAGE', kind: 'PLATFORM_INTERVENTION' },
    });
    await eventually(() =>
      deadlineEventsOf(kafka, dispute.subject, EventType.DEADLINE_SCHEDULED).find(
        (event) => event.data.kind === 'PLATFORM_INTERVENTION' && event.data.dueAt !== at(now, 120),
      ),
    );
  });

  it('refuses bad adjustments with a problem naming the field or rule, and changes nothing', async () => {
    const dispute = await opened({});
    const path = `/v1/disputes/${dispute.subject}/deadlines`;
    const badReason = await problem(
      await call('POST', `${path}/SELLER_RESPONSE/pause`, keys.staff, { reasonCode: 'BORED' }),
      400,
    );
    expect(badReason.errors).toEqual([expect.objectContaining({ field: 'reasonCode' })]);
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/pause`, keys.staff, { reasonCode: 'CUSTOMS_HOLD', extra: 1 }),
      400,
    );
    const both = await problem(
      await call('POST', `${path}/SELLER_RESPONSE/extend`, keys.staff, {
        by: 'P1D',
        until: '2099-01-01T00:00:00Z',
        reasonCode: 'CUSTOMS_HOLD',
      }),
      400,
    );
    expect(both.errors[0].field).toBe('by');
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/extend`, keys.staff, { by: 'soon', reasonCode: 'CUSTOMS_HOLD' }),
      400,
    );
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/extend`, keys.staff, {
        until: '2000-01-01T00:00:00Z',
        reasonCode: 'CUSTOMS_HOLD',
      }),
      422,
      '/problems/extension-not-later',
    );
    const kind = await problem(
      await call('POST', `${path}/SOMETHING/pause`, keys.staff, { reasonCode: 'CUSTOMS_HOLD' }),
      400,
    );
    expect(kind.errors[0].field).toBe('kind');
    await problem(
      await call('POST', `${path}/RETURN_SHIPMENT/pause`, keys.staff, { reasonCode: 'CUSTOMS_HOLD' }),
      409,
      '/problems/deadline-not-active',
    );
    await problem(
      await call('POST', `${path}/SELLER_RESPONSE/pause`, keys.seller, { reasonCode: 'CUSTOMS_HOLD' }),
      403,
    );
    const { items } = (await (await call('GET', path, keys.staff)).json()) as any;
    expect(items.every((item: any) => item.status === 'PENDING' && item.adjustments.length === 0)).toBe(true);
    expect(commandsOf(kafka, dispute.subject)).toEqual([]);
  });

  it('a customs-held tracking update pauses the NOT_RECEIVED clocks by itself, and the next scan resumes them', async () => {
    const now = Date.now();
    const dispute = await opened({
      openedAt: now,
      reason: 'NOT_RECEIVED',
      subReason: 'CUSTOMS_HELD',
      deadlines: [
        { kind: 'SELLER_RESPONSE', dueAt: at(now, 60) },
        { kind: 'PLATFORM_INTERVENTION', dueAt: at(now, 120) },
      ],
    });
    const orderId = (dispute.data as any).orderId;
    const scan = (status: string) =>
      createEnvelope({
        type: EventType.TRACKING_UPDATED,
        source: 'marketplace',
        subject: orderId,
        data: { ...eventSamples[EventType.TRACKING_UPDATED](), orderId, status, at: new Date().toISOString() },
      });
    await publish(kafka, scan('CUSTOMS_HELD'));
    const path = `/v1/disputes/${dispute.subject}/deadlines`;
    const paused = await eventually(async () => {
      const { items } = (await (await call('GET', path, keys.seller)).json()) as any;
      return items.every((item: any) => item.status === 'PAUSED') ? items : undefined;
    });
    expect(paused[0].adjustments[0]).toMatchObject({
      action: 'PAUSE',
      reasonCode: 'CUSTOMS_HOLD',
      by: 'escalation-timer',
    });
    const commands = await eventually(() => {
      const sent = commandsOf(kafka, dispute.subject, CommandType.RECORD_DEADLINE_ADJUSTMENT);
      return sent.length === 2 ? sent : undefined;
    });
    expect(
      commands.map((command) => [
        command.data.actor.role,
        command.data.adjustment.action,
        command.data.adjustment.reasonCode,
      ]),
    ).toEqual([
      ['SYSTEM', 'PAUSE', 'CUSTOMS_HOLD'],
      ['SYSTEM', 'PAUSE', 'CUSTOMS_HOLD'],
    ]);

    await publish(kafka, scan('IN_TRANSIT'));
    const resumed = await eventually(async () => {
      const { items } = (await (await call('GET', path, keys.seller)).json()) as any;
      return items.every((item: any) => item.status === 'PENDING') ? items : undefined;
    });
    for (const item of resumed) {
      const [pauseRecord, resumeRecord] = item.adjustments;
      expect(Date.parse(item.dueAt) - Date.parse(pauseRecord.previousDueAt)).toBe(
        Date.parse(resumeRecord.at) - Date.parse(pauseRecord.at),
      );
    }
  });
});
