import { CommandType, EventType, Topics } from '@settle/contracts';
import {
  eventually,
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { DataSource } from 'typeorm';
import {
  at,
  commandsOf,
  deadlineEventsOf,
  disputeEvent,
  disputeOpened,
  publish,
  writePolicyFile,
} from '../../test/timer-harness';
import { AppModule } from '../app.module';
import { EscalationTimerService } from '../service';

/**
 * docs/DOMAIN.md's deadlines against the real broker and database, with a policy in seconds: the test plays
 * dispute-intake (publishes its events) and reads the commands and deadline events the timer sends.
 */
describe('escalation-timer deadlines (real Kafka and Postgres)', () => {
  let environment: TestEnvironment;
  let service: RunningService;
  let kafka: KafkaTestClient;
  let db: DataSource;

  beforeAll(async () => {
    environment = await isolatedEnvironment('timer_deadlines', { SETTLE_POLICY_FILE: writePolicyFile() });
    kafka = new KafkaTestClient(environment.kafkaBrokers, environment.topicPrefix);
    await kafka.ensureTopics([Topics.DISPUTE_EVENTS, Topics.ORDER_EVENTS, Topics.MESSAGE_EVENTS]);
    await kafka.watch([Topics.DISPUTE_COMMANDS, Topics.DEADLINE_EVENTS]);
    service = await startService(AppModule, EscalationTimerService);
    db = service.app.get(DataSource);
  });

  afterAll(async () => {
    await service?.close();
    await kafka?.close();
    await environment?.cleanup();
  });

  const rows = (disputeId: string) =>
    db.query<
      {
        id: string;
        kind: string;
        status: string;
        cancel_reason: string | null;
        fired_at: Date | null;
        due_at: Date | null;
      }[]
    >(
      `SELECT id, kind, status, cancel_reason, fired_at, due_at FROM deadlines WHERE dispute_id = $1 ORDER BY scheduled_at`,
      [disputeId],
    );

  it('fires the seller-response deadline once (auto-accept), reminds the seller before it, and never fires the moot intervention deadline', async () => {
    const opened = disputeOpened({ openedAt: Date.now() });
    const disputeId = opened.subject;
    const data = opened.data as any;
    await publish(kafka, opened);

    const reminder = await eventually(() => deadlineEventsOf(kafka, disputeId, EventType.DEADLINE_REMINDER)[0], {
      what: 'the seller reminder',
    });
    expect(reminder.data).toMatchObject({
      kind: 'SELLER_RESPONSE',
      party: 'SELLER',
      dueAt: data.deadlines[0].dueAt,
      openActions: expect.arrayContaining(['RESPOND']),
    });
    expect(Date.parse(reminder.data.remindedAt)).toBeLessThan(Date.parse(data.deadlines[0].dueAt));

    const autoAccept = await eventually(() => commandsOf(kafka, disputeId, CommandType.AUTO_ACCEPT)[0], {
      what: 'the auto-accept command',
    });
    expect(autoAccept.data).toMatchObject({
      disputeId,
      expectedVersion: 1,
      proposalId: data.proposal.proposalId,
      actor: { role: 'SYSTEM' },
    });
    // Fired at the due instant, not before, and well under a second late.
    const lateness = Date.parse(autoAccept.data.issuedAt) - Date.parse(data.deadlines[0].dueAt);
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1_000);
    const passed = await eventually(() => deadlineEventsOf(kafka, disputeId, EventType.DEADLINE_PASSED)[0]);
    expect(passed.data).toMatchObject({
      kind: 'SELLER_RESPONSE',
      commandId: autoAccept.data.commandId,
      commandType: CommandType.AUTO_ACCEPT,
    });

    // The owner applies it: auto-accepted (RETURN_AND_REFUND), so a return is requested; the intervention is moot.
    const now = Date.now();
    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_AUTO_ACCEPTED, disputeId, 2, {
        previousStatus: 'AWAITING_SELLER',
        deadlineId: autoAccept.data.deadlineId,
        deadlines: [],
      }),
      disputeEvent(EventType.DISPUTE_RETURN_REQUESTED, disputeId, 3, {
        deadlines: [{ kind: 'RETURN_SHIPMENT', dueAt: at(now, 3) }],
      }),
    );
    const expire = await eventually(() => commandsOf(kafka, disputeId, CommandType.EXPIRE_RETURN_SHIPMENT)[0], {
      what: 'the return-shipment expiry',
    });
    expect(expire.data).toMatchObject({ expectedVersion: 3, actor: { role: 'SYSTEM' } });

    const deadlines = await rows(disputeId);
    expect(deadlines.map((row) => [row.kind, row.status, row.cancel_reason])).toEqual([
      ['SELLER_RESPONSE', 'FIRED', null],
      ['PLATFORM_INTERVENTION', 'CANCELLED', 'MOOT'],
      ['RETURN_SHIPMENT', 'FIRED', null],
    ]);

    // A later dispute's deadline, due after the cancelled one, proves the claimer went past that instant.
    const intervention = Date.parse(data.deadlines[1].dueAt);
    const sentinel = disputeOpened({
      deadlines: [
        {
          kind: 'PLATFORM_INTERVENTION',
          dueAt: new Date(Math.max(intervention + 500, Date.now() + 500)).toISOString(),
        },
      ],
    });
    await publish(kafka, sentinel);
    await eventually(() => commandsOf(kafka, sentinel.subject, CommandType.ESCALATE)[0], {
      what: 'the sentinel escalation',
    });
    expect(commandsOf(kafka, disputeId, CommandType.ESCALATE)).toEqual([]);
    expect(commandsOf(kafka, disputeId, CommandType.AUTO_ACCEPT)).toHaveLength(1);
    expect(commandsOf(kafka, disputeId, CommandType.EXPIRE_RETURN_SHIPMENT)).toHaveLength(1);
  });

  it('restarts the seller clock when the buyer modifies the proposal: the old deadline is cancelled, the new one fires once for the new proposal', async () => {
    const start = Date.now();
    const opened = disputeOpened({ openedAt: start });
    const disputeId = opened.subject;
    await publish(kafka, opened);
    await eventually(async () => (await rows(disputeId)).length === 2);
    const newProposalId = '01958a1e-6c00-7a10-8000-00000000fff1';
    const restartedDue = at(Date.now(), 5);
    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_PROPOSAL_SUBMITTED, disputeId, 2, {
        status: 'AWAITING_SELLER',
        previousStatus: 'NEGOTIATING',
        proposal: {
          proposalId: newProposalId,
          by: 'BUYER',
          type: 'REFUND_ONLY',
          refund: { amountMinor: 700, currency: 'USD' },
          submittedAt: new Date().toISOString(),
          round: 2,
        },
        sellerClockRestarted: true,
        deadlines: [
          { kind: 'SELLER_RESPONSE', dueAt: restartedDue },
          { kind: 'PLATFORM_INTERVENTION', dueAt: (opened.data as any).deadlines[1].dueAt },
        ],
      }),
    );
    const scheduled = await eventually(() =>
      deadlineEventsOf(kafka, disputeId, EventType.DEADLINE_SCHEDULED).find((event) => event.data.replacesDeadlineId),
    );
    expect(scheduled.data).toMatchObject({ kind: 'SELLER_RESPONSE', dueAt: restartedDue, basedOnVersion: 2 });

    const autoAccept = await eventually(() => commandsOf(kafka, disputeId, CommandType.AUTO_ACCEPT)[0], {
      what: 'the restarted seller deadline',
    });
    expect(autoAccept.data).toMatchObject({
      proposalId: newProposalId,
      expectedVersion: 2,
      deadlineId: scheduled.data.deadlineId,
    });
    expect(Date.parse(autoAccept.data.issuedAt)).toBeGreaterThanOrEqual(Date.parse(restartedDue));
    const all = await rows(disputeId);
    expect(all.filter((row) => row.kind === 'SELLER_RESPONSE').map((row) => [row.status, row.cancel_reason])).toEqual([
      ['CANCELLED', 'RESTARTED'],
      ['FIRED', null],
    ]);
    expect(commandsOf(kafka, disputeId, CommandType.AUTO_ACCEPT)).toHaveLength(1);
  });

  it('escalates when the intervention deadline passes, expires the return receipt, and flags the staff SLA overdue', async () => {
    const start = Date.now();
    const escalating = disputeOpened({
      openedAt: start,
      deadlines: [{ kind: 'PLATFORM_INTERVENTION', dueAt: at(start, 2) }],
    });
    const returning = disputeOpened({ openedAt: start, deadlines: [] });
    await publish(kafka, escalating, returning);
    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_RETURN_SHIPPED, returning.subject, 2, {
        deadlines: [{ kind: 'RETURN_RECEIPT', dueAt: at(Date.now(), 3) }],
      }),
    );

    const escalate = await eventually(() => commandsOf(kafka, escalating.subject, CommandType.ESCALATE)[0]);
    expect(escalate.data).toMatchObject({ cause: 'INTERVENTION_DEADLINE', expectedVersion: 1 });
    const receipt = await eventually(() => commandsOf(kafka, returning.subject, CommandType.EXPIRE_RETURN_RECEIPT)[0]);
    expect(receipt.data).toMatchObject({ expectedVersion: 2 });
    // A reminder reached the seller before the receipt deadline.
    expect(deadlineEventsOf(kafka, returning.subject, EventType.DEADLINE_REMINDER)[0]?.data).toMatchObject({
      kind: 'RETURN_RECEIPT',
      openActions: ['CONFIRM_RETURN_RECEIPT'],
    });

    await publish(
      kafka,
      disputeEvent(EventType.DISPUTE_ESCALATED, escalating.subject, 2, {
        deadlineId: escalate.data.deadlineId,
        deadlines: [{ kind: 'STAFF_RULING_SLA', dueAt: at(Date.now(), 2) }],
      }),
    );
    const slaPassed = await eventually(() =>
      deadlineEventsOf(kafka, escalating.subject, EventType.DEADLINE_PASSED).find(
        (event) => event.data.kind === 'STAFF_RULING_SLA',
      ),
    );
    expect(slaPassed.data.commandId).toBeUndefined();
    const [escalation] = await db.query(`SELECT status, overdue_flagged_at FROM escalations WHERE dispute_id = $1`, [
      escalating.subject,
    ]);
    expect(escalation.status).toBe('OPEN');
    expect(escalation.overdue_flagged_at).not.toBeNull();
  });

  it('ignores a redelivered event and cancels every deadline when the buyer withdraws', async () => {
    const opened = disputeOpened();
    await publish(kafka, opened, opened);
    await eventually(async () => (await rows(opened.subject)).length === 2);
    await publish(kafka, disputeEvent(EventType.DISPUTE_CANCELLED, opened.subject, 2, { deadlines: [] }));
    await eventually(async () => (await rows(opened.subject)).every((row) => row.status === 'CANCELLED'));
    expect(await rows(opened.subject)).toHaveLength(2);
  });
});
